package dev.confab.server.store.sqlite;

import dev.confab.server.store.MessageStore.Member;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns member user ids into {@link Member}s with their account's name. A name never changes once the account
 * exists, so names found are kept in memory; ids with no account (guests) are left out.
 */
final class MemberNames {
    private static final int CHUNK = 500;

    private final SqliteDatabase database;
    private final ConcurrentMap<String, String> names = new ConcurrentHashMap<>();

    MemberNames(SqliteDatabase database) {
        this.database = database;
    }

    List<Member> resolve(Collection<String> userIds) {
        List<String> unknown = userIds.stream().filter(id -> !names.containsKey(id)).toList();
        for (int from = 0; from < unknown.size(); from += CHUNK) {
            load(unknown.subList(from, Math.min(unknown.size(), from + CHUNK)));
        }
        List<Member> members = new ArrayList<>();
        for (String userId : userIds) {
            String name = names.get(userId);
            if (name != null) {
                members.add(new Member(userId, name));
            }
        }
        members.sort(Comparator.comparing((Member member) -> member.username().toLowerCase(Locale.ROOT))
                .thenComparing(Member::userId));
        return members;
    }

    private void load(List<String> userIds) {
        String placeholders = String.join(", ", Collections.nCopies(userIds.size(), "?"));
        database.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT user_id, username FROM accounts WHERE user_id IN (" + placeholders + ")")) {
                for (int i = 0; i < userIds.size(); i++) {
                    select.setString(i + 1, userIds.get(i));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
            return null;
        });
    }
}
