package dev.cachalot.controlplane.event;

import dev.cachalot.controlplane.fault.InvalidParameterCombinationException;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import dev.cachalot.controlplane.identity.Caller;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The event log of every account: lifecycle changes the control plane makes, recorded by the
 * features in the transaction that makes them (so an event exists exactly when its change does),
 * in ElastiCache's wording. Kept for 14 days, as ElastiCache keeps them.
 */
@Service
public class EventService {

    public static final Duration RETENTION = Duration.ofDays(14);
    static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    public EventService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records an event now, inside the caller's transaction when there is one. */
    @Transactional
    public void record(String accountId, SourceType type, String sourceIdentifier, String message) {
        Instant now = clock.instant();
        jdbc.sql("insert into events (account_id, source_type, source_identifier, message, event_date) values (?, ?, ?, ?, ?)")
                .params(accountId, type.wireValue(), sourceIdentifier, message, Timestamp.from(now)).update();
        jdbc.sql("delete from events where event_date < ?").param(Timestamp.from(now.minus(RETENTION))).update();
    }

    /**
     * A page of the caller's events, oldest first.
     *
     * @param duration minutes of events to return; without start and end times they end now
     * @param afterId  the id of the last event of the previous page, if any
     */
    @Transactional(readOnly = true)
    public Page describe(Caller caller, String sourceType, String sourceIdentifier, Instant startTime, Instant endTime,
                         Integer duration, int maxRecords, Optional<Long> afterId) {
        Optional<SourceType> type = Optional.empty();
        if (sourceType != null) {
            type = Optional.of(SourceType.fromWireValue(sourceType).orElseThrow(() -> new InvalidParameterValueException(
                    "Invalid value for SourceType: " + sourceType + ". Valid values are: cache-cluster, cache-parameter-group, "
                            + "cache-security-group, cache-subnet-group, replication-group, serverless-cache, "
                            + "serverless-cache-snapshot, user, user-group.")));
        }
        if (duration != null && duration < 0) {
            throw new InvalidParameterValueException("The parameter Duration must be a positive number of minutes.");
        }
        Instant now = clock.instant();
        Duration window = duration == null ? DEFAULT_WINDOW : Duration.ofMinutes(duration);
        Instant end = endTime != null ? endTime : startTime != null && duration != null ? startTime.plus(window) : now;
        Instant start = startTime != null ? startTime : end.minus(window);
        if (start.isAfter(end)) {
            throw new InvalidParameterCombinationException("The StartTime must be earlier than the EndTime.");
        }
        Instant oldest = now.minus(RETENTION);
        if (start.isBefore(oldest)) {
            start = oldest; // nothing older is kept
        }
        StringBuilder sql = new StringBuilder("""
                select id, source_identifier, source_type, message, event_date from events
                where account_id = :account and event_date >= :start and event_date <= :end and id > :after""");
        if (type.isPresent()) {
            sql.append(" and source_type = :type");
        }
        if (sourceIdentifier != null) {
            sql.append(" and source_identifier = :id");
        }
        sql.append(" order by id limit :limit");
        JdbcClient.StatementSpec query = jdbc.sql(sql.toString())
                .param("account", caller.accountId())
                .param("start", Timestamp.from(start))
                .param("end", Timestamp.from(end))
                .param("after", afterId.orElse(0L))
                .param("limit", maxRecords + 1);
        if (type.isPresent()) {
            query = query.param("type", type.get().wireValue());
        }
        if (sourceIdentifier != null) {
            query = query.param("id", sourceIdentifier.toLowerCase(java.util.Locale.ROOT));
        }
        List<EventView> events = new ArrayList<>(query.query((rs, i) -> new EventView(rs.getLong("id"),
                rs.getString("source_identifier"), SourceType.fromWireValue(rs.getString("source_type")).orElseThrow(),
                rs.getString("message"), rs.getTimestamp("event_date").toInstant())).list());
        boolean more = events.size() > maxRecords;
        List<EventView> page = more ? events.subList(0, maxRecords) : events;
        return new Page(page, more ? Optional.of(page.getLast().id()) : Optional.empty());
    }

    /** @param lastId where the next page starts (exclusive); empty on the last page */
    public record Page(List<EventView> events, Optional<Long> lastId) {}
}
