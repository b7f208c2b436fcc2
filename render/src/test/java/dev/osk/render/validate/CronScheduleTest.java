package dev.osk.render.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The CronJob schedules the API server takes and refuses, with the errors of robfig/cron v1's ParseStandard
 * (parser.go: the messages are its fmt.Errorf texts).
 */
class CronScheduleTest {
    @Test
    void standardSchedulesAndDescriptorsParse() {
        for (String ok : new String[] {"0 3 * * *", "*/15 * * * *", "0 9-17/2 * * mon-fri", "30 2 1,15 * *",
                "0 0 1 jan,JUL ?", "5 4 * * sun", "0 0 * * 0-6", "10/5 * * * *", "@hourly", "@daily", "@midnight",
                "@weekly", "@monthly", "@yearly", "@annually", "@every 1h30m", "@every 90s", "  0 3 * * *  "}) {
            assertThat(CronSchedule.error(ok)).as(ok).isEmpty();
        }
    }

    @Test
    void refusedSchedulesGiveTheParsersMessage() {
        assertThat(CronSchedule.error("61 * * * *")).hasValue("End of range (61) above maximum (59): 61");
        assertThat(CronSchedule.error("0 24 * * *")).hasValue("End of range (24) above maximum (23): 24");
        assertThat(CronSchedule.error("0 0 0 * *")).hasValue("Beginning of range (0) below minimum (1): 0");
        assertThat(CronSchedule.error("0 0 * 13 *")).hasValue("End of range (13) above maximum (12): 13");
        assertThat(CronSchedule.error("0 0 * * 7")).hasValue("End of range (7) above maximum (6): 7");
        assertThat(CronSchedule.error("0 9 * * fri-mon")).hasValue("Beginning of range (5) beyond end of range (1):"
                + " fri-mon");
        assertThat(CronSchedule.error("*/0 * * * *")).hasValue("Step of range should be a positive number: */0");
        assertThat(CronSchedule.error("1-2-3 * * * *")).hasValue("Too many hyphens: 1-2-3");
        assertThat(CronSchedule.error("*/2/3 * * * *")).hasValue("Too many slashes: */2/3");
        assertThat(CronSchedule.error("0 0 3 * * *")).hasValue("Expected exactly 5 fields, found 6: 0 0 3 * * *");
        assertThat(CronSchedule.error("0 3 * *")).hasValue("Expected exactly 5 fields, found 4: 0 3 * *");
        assertThat(CronSchedule.error("")).hasValue("Empty spec string");
        assertThat(CronSchedule.error("@fortnightly")).hasValue("Unrecognized descriptor: @fortnightly");
        assertThat(CronSchedule.error("x * * * *")).hasValue("Failed to parse int from x: strconv.Atoi: parsing"
                + " \"x\": invalid syntax");
        assertThat(CronSchedule.error("0 0 * * monday")).get().asString().startsWith("Failed to parse int from monday");
        assertThat(CronSchedule.error("@every 1 hour")).get().asString().startsWith("Failed to parse duration"
                + " @every 1 hour");
    }
}
