package dev.cachalot.controlplane.awsquery;

import dev.cachalot.controlplane.event.EventService;
import dev.cachalot.controlplane.fault.InvalidParameterValueException;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** DescribeEvents on the wire. */
@Component
class EventActions implements QueryAction.Group {

    private static final String LISTING = "events";

    private final EventService events;

    EventActions(EventService events) {
        this.events = events;
    }

    @Override
    public List<QueryAction> actions() {
        return List.of(new QueryAction("DescribeEvents", true, (caller, p, xml) -> {
            Optional<Long> after = Markers.decode(LISTING, caller, p).map(last -> {
                try {
                    return Long.parseLong(last);
                } catch (NumberFormatException e) {
                    throw new InvalidParameterValueException("Invalid marker: " + p.stringOrNull("Marker"));
                }
            });
            EventService.Page page = events.describe(caller, p.stringOrNull("SourceType"), p.stringOrNull("SourceIdentifier"),
                    p.timestamp("StartTime"), p.timestamp("EndTime"), p.integer("Duration"), p.maxRecords(), after);
            page.lastId().ifPresent(last -> xml.element("Marker", Markers.encode(LISTING, caller, Long.toString(last))));
            xml.list("Events", "Event", page.events(), (w, e) -> w
                    .element("SourceIdentifier", e.sourceIdentifier())
                    .element("SourceType", e.sourceType().wireValue())
                    .element("Message", e.message())
                    .element("Date", e.date()));
        }));
    }
}
