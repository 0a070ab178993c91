package dev.confab.protocol;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The protocol's timestamps: ISO-8601 in UTC with exactly three fraction digits ({@code 2026-12-03T13:50:07.089Z}),
 * as {@link #FORMAT} writes them. Every frame carries one, so years 1 to 9999 are written digit by digit, the
 * date part kept for the day it was last asked for: the formatter, field by field through a temporal accessor,
 * was most of the time taken to write a {@code connected} frame. Other years go through the formatter.
 */
final class Timestamps {
    static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final long SECONDS_PER_DAY = 86_400;
    /** 0001-01-01 and 10000-01-01 as epoch days: the years the pattern writes as four plain digits. */
    private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();
    private static final long END_DAY = LocalDate.of(10_000, 1, 1).toEpochDay();

    /** The date part of the day last written; swapped whole, so that a reader sees a day and its text together. */
    private static volatile Day lastDay = new Day(Long.MIN_VALUE, "");

    private Timestamps() {
    }

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (epochDay < FIRST_DAY || epochDay >= END_DAY) {
            return FORMAT.format(instant);
        }
        Day day = lastDay;
        if (day.epochDay() != epochDay) {
            day = new Day(epochDay, FORMAT.format(instant).substring(0, 11)); // "yyyy-MM-ddT"
            lastDay = day;
        }
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        int millis = instant.getNano() / 1_000_000;
        char[] time = new char[13];
        two(time, 0, secondOfDay / 3600);
        time[2] = ':';
        two(time, 3, secondOfDay / 60 % 60);
        time[5] = ':';
        two(time, 6, secondOfDay % 60);
        time[8] = '.';
        time[9] = (char) ('0' + millis / 100);
        time[10] = (char) ('0' + millis / 10 % 10);
        time[11] = (char) ('0' + millis % 10);
        time[12] = 'Z';
        return day.text().concat(new String(time));
    }

    private static void two(char[] into, int at, int value) {
        into[at] = (char) ('0' + value / 10);
        into[at + 1] = (char) ('0' + value % 10);
    }

    private record Day(long epochDay, String text) {
    }
}
