package dev.cachalot.engine.session;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The connected clients, for CLIENT LIST and INFO clients. Confined to the data thread. */
public final class ClientRegistry {

    private final Map<Long, ClientSession> clients = new LinkedHashMap<>();
    private long nextId = 1;

    public long nextId() {
        return nextId++;
    }

    public void add(ClientSession session) {
        clients.put(session.id(), session);
    }

    public void remove(ClientSession session) {
        clients.remove(session.id());
    }

    public int size() {
        return clients.size();
    }

    public ClientSession get(long id) {
        return clients.get(id);
    }

    public Collection<ClientSession> all() {
        return new ArrayList<>(clients.values());
    }
}
