package io.filemill.app.cluster;

import io.filemill.app.config.FilemillProperties;
import io.filemill.app.monitor.RunMetrics;
import io.filemill.app.report.RunReportWriter;
import jakarta.jms.ConnectionFactory;
import javax.sql.DataSource;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jms.ConnectionFactoryUnwrapper;
import org.springframework.boot.jms.autoconfigure.health.JmsHealthContributorAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jms.listener.DefaultMessageListenerContainer;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * What {@code filemill node} adds to the Spring application that serves health and metrics: the
 * broker connection ({@code spring.artemis.*}, with its health: {@code jms}) and a listener container that takes partition requests from the queue
 * in transacted sessions, one request per consumer at a time (no prefetch: a busy node leaves the
 * other requests to idle nodes). Registered as a source by the command only.
 */
@ImportAutoConfiguration({ArtemisAutoConfiguration.class, JmsHealthContributorAutoConfiguration.class})
public class ClusterNodeConfiguration {

    @Bean
    DefaultMessageListenerContainer partitionRequestListener(ConnectionFactory connectionFactory,
                                                             FilemillProperties properties, NodeWork work,
                                                             JobRepository jobRepository,
                                                             PlatformTransactionManager transactionManager,
                                                             DataSource dataSource, RunMetrics metrics,
                                                             RunReportWriter reports) {
        ConnectionFactory direct = ConnectionFactoryUnwrapper.unwrapCaching(connectionFactory);
        if (direct instanceof ActiveMQConnectionFactory artemis) {
            artemis.setConsumerWindowSize(0); // fair dispatch: a request waits on the broker until a node is free
        }
        DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
        container.setConnectionFactory(direct);
        container.setDestinationName(properties.cluster().queue());
        container.setSessionTransacted(true);
        container.setConcurrentConsumers(properties.cluster().nodeConsumers());
        container.setMaxConcurrentConsumers(properties.cluster().nodeConsumers());
        container.setAutoStartup(false); // the node command starts it once it is ready to work
        container.setMessageListener(new PartitionWorker(jobRepository, transactionManager, dataSource,
                work, metrics, reports));
        return container;
    }
}
