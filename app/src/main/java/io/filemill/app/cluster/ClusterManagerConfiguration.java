package io.filemill.app.cluster;

import io.filemill.app.config.FilemillProperties;
import io.filemill.app.report.RunReportWriter;
import jakarta.jms.ConnectionFactory;
import javax.sql.DataSource;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.jms.outbound.JmsSendingMessageHandler;
import org.springframework.jms.core.JmsTemplate;

/**
 * What {@code filemill run --partitions N} adds to the run's Spring application: the broker
 * connection ({@code spring.artemis.*}), the channel the manager step sends its partition requests
 * to, bridged to the broker's queue by Spring Integration, and the service that runs the job.
 * Registered as a source by the command only (not component-scanned), so that no other command
 * connects to a broker.
 */
@ImportAutoConfiguration(ArtemisAutoConfiguration.class)
public class ClusterManagerConfiguration {

    @Bean
    DirectChannel partitionRequests(ConnectionFactory connectionFactory, FilemillProperties properties) {
        JmsTemplate template = new JmsTemplate(connectionFactory);
        template.setMessageConverter(new RequestConverter());
        JmsSendingMessageHandler toBroker = new JmsSendingMessageHandler(template);
        toBroker.setDestinationName(properties.cluster().queue());
        DirectChannel channel = new DirectChannel();
        channel.subscribe(toBroker);
        return channel;
    }

    @Bean
    ClusterRunService clusterRunService(FilemillProperties properties, JobRepository jobRepository,
                                        JobOperator jobOperator, DirectChannel partitionRequests, DataSource dataSource,
                                        RunReportWriter reports) {
        return new ClusterRunService(properties, jobRepository, jobOperator, partitionRequests, dataSource, reports);
    }
}
