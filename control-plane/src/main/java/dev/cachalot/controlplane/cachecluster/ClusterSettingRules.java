package dev.cachalot.controlplane.cachecluster;

import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** ElastiCache's rules for the cluster settings that both Create and Modify accept. */
final class ClusterSettingRules {

    private static final Pattern MAINTENANCE_WINDOW = Pattern.compile(
            "(sun|mon|tue|wed|thu|fri|sat):([01]\\d|2[0-3]):([0-5]\\d)-(sun|mon|tue|wed|thu|fri|sat):([01]\\d|2[0-3]):([0-5]\\d)");
    private static final Pattern SNAPSHOT_WINDOW = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d");
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private ClusterSettingRules() {}

    /** {@code ddd:hh24:mi-ddd:hh24:mi}, stored in lowercase. */
    static String maintenanceWindow(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!MAINTENANCE_WINDOW.matcher(lower).matches()) {
            throw new InvalidParameterValueException("Invalid maintenance window format: " + value
                    + ". It must be in the format ddd:hh24:mi-ddd:hh24:mi.");
        }
        return lower;
    }

    /** {@code hh24:mi-hh24:mi}. */
    static String snapshotWindow(String value) {
        if (!SNAPSHOT_WINDOW.matcher(value).matches()) {
            throw new InvalidParameterValueException("Invalid snapshot window format: " + value
                    + ". It must be in the format hh24:mi-hh24:mi.");
        }
        return value;
    }

    static int snapshotRetentionLimit(int value) {
        if (value < 0 || value > 35) {
            throw new InvalidParameterValueException("The parameter SnapshotRetentionLimit must be between 0 and 35.");
        }
        return value;
    }

    static List<String> securityGroupIds(List<String> ids) {
        for (String id : ids) {
            if (!id.matches("sg-[0-9a-zA-Z]{1,32}")) {
                throw new InvalidParameterValueException("Invalid security group id: " + id);
            }
        }
        return List.copyOf(ids);
    }

    /** Whether {@code now} (UTC) falls inside a weekly maintenance window such as {@code sun:05:00-sun:06:00}. */
    static boolean inMaintenanceWindow(String window, Instant now) {
        Matcher m = MAINTENANCE_WINDOW.matcher(window);
        if (!m.matches()) {
            return false;
        }
        int start = minuteOfWeek(m.group(1), m.group(2), m.group(3));
        int end = minuteOfWeek(m.group(4), m.group(5), m.group(6));
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        int current = (t.getDayOfWeek().getValue() - 1) * 1440 + t.getHour() * 60 + t.getMinute();
        return start <= end ? current >= start && current < end : current >= start || current < end;
    }

    private static int minuteOfWeek(String day, String hour, String minute) {
        return DAYS.indexOf(day) * 1440 + Integer.parseInt(hour) * 60 + Integer.parseInt(minute);
    }
}
