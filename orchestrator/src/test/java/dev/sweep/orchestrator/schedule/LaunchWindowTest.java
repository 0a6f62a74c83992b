package dev.sweep.orchestrator.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LaunchWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @Test
    void anEveningStartStopsLaunchingTheNextMorning() {
        assertEquals(berlin("2024-03-06T07:00"),
                LaunchWindow.stopInstant(berlin("2024-03-05T22:00"), LocalTime.of(7, 0), BERLIN));
    }

    @Test
    void anAfterMidnightStartStopsLaunchingTheSameMorning() {
        assertEquals(berlin("2024-03-06T07:00"),
                LaunchWindow.stopInstant(berlin("2024-03-06T01:30"), LocalTime.of(7, 0), BERLIN));
    }

    @Test
    void aStartExactlyAtTheStopTimeRunsUntilTheNextDay() {
        assertEquals(berlin("2024-03-07T07:00"),
                LaunchWindow.stopInstant(berlin("2024-03-06T07:00"), LocalTime.of(7, 0), BERLIN));
    }

    @Test
    void theWindowFollowsDaylightSavingTime() {
        // the night of 30/31 March 2024 is one hour shorter in Berlin: 22:00 CET -> 07:00 CEST is 8 hours
        Instant start = berlin("2024-03-30T22:00");
        Instant stop = LaunchWindow.stopInstant(start, LocalTime.of(7, 0), BERLIN);
        assertEquals(berlin("2024-03-31T07:00"), stop);
        assertEquals(8, java.time.Duration.between(start, stop).toHours());
    }

    @Test
    void noStopTimeMeansNoLimit() {
        assertNull(LaunchWindow.stopInstant(berlin("2024-03-05T22:00"), null, BERLIN));
    }
}
