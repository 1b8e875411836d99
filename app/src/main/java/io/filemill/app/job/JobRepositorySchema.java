package io.filemill.app.job;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Creates Spring Batch's tables on first use, in whatever database the job repository lives (the
 * embedded H2 file by default, PostgreSQL by configuration). Boot's own initializer either skips a
 * file-based H2 database or, with {@code always}, fails on the second start, as the scripts have no
 * {@code IF NOT EXISTS}; so this checks first and runs the script only when the tables are missing.
 */
@Component
class JobRepositorySchema implements InitializingBean {

    private final DataSource dataSource;

    JobRepositorySchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() throws SQLException {
        String platform;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            if (hasTable(metaData, "BATCH_JOB_INSTANCE") || hasTable(metaData, "batch_job_instance")) {
                return;
            }
            platform = platform(metaData.getDatabaseProductName());
        }
        new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"))
                .execute(dataSource);
    }

    private static boolean hasTable(DatabaseMetaData metaData, String name) throws SQLException {
        try (ResultSet tables = metaData.getTables(null, null, name, null)) {
            return tables.next();
        }
    }

    private static String platform(String product) {
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("h2")) {
            return "h2";
        }
        if (name.contains("postgres")) {
            return "postgresql";
        }
        throw new IllegalStateException("no Spring Batch schema known for database '" + product + "'");
    }
}
