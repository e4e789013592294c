package ai.platform.featurestore.materialization;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A materialization schedule: a Unix cron expression of five fields ({@code minute hour day month weekday}, as
 * Airflow and crontab take), or of six with seconds first for sub-minute freshness ({@code *}{@code /30 * * * * *}).
 * Times are UTC.
 */
record CronSchedule(String expression, Cron cron) {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser WITH_SECONDS =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));

    /** Parses the expression; {@link IllegalArgumentException} says what is wrong with it. */
    static CronSchedule parse(String expression) {
        String trimmed = expression == null ? "" : expression.trim();
        int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        if (fields != 5 && fields != 6) {
            throw new IllegalArgumentException("must have 5 fields (minute hour day month weekday) or 6 (seconds "
                    + "first), not " + fields);
        }
        Cron cron = (fields == 5 ? UNIX : WITH_SECONDS).parse(trimmed).validate();
        CronSchedule schedule = new CronSchedule(trimmed, cron);
        schedule.next(OffsetDateTime.now()); // refuses an expression that never fires, such as 30 February
        return schedule;
    }

    /** The first run strictly after {@code after}. */
    OffsetDateTime next(OffsetDateTime after) {
        return ExecutionTime.forCron(cron).nextExecution(after.atZoneSameInstant(ZoneOffset.UTC))
                .map(ZonedDateTime::toOffsetDateTime)
                .orElseThrow(() -> new IllegalArgumentException("never runs"));
    }
}
