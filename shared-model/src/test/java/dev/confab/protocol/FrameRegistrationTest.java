package dev.confab.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every record of the sealed hierarchies is known to Jackson under its protocol name, and has an example. */
class FrameRegistrationTest {
    private static final Set<String> CORE_CLIENT_TYPES = Set.of("register", "login", "join_room", "leave_room",
            "send_message", "history", "typing", "edit_message", "delete_message", "user_list", "list_rooms", "ping");
    private static final Set<String> CORE_SERVER_TYPES = Set.of("hello", "connected", "joined_room", "left_room",
            "user_joined", "user_left", "message", "message.edited", "message.deleted", "history", "typing",
            "user_list", "room_list", "pong", "error");

    @Test
    void registersEveryPermittedClientFrame() {
        assertThat(registered(ClientFrame.class)).containsExactlyInAnyOrderElementsOf(permitted(ClientFrame.class));
    }

    @Test
    void registersEveryPermittedServerFrame() {
        assertThat(registered(ServerFrame.class)).containsExactlyInAnyOrderElementsOf(permitted(ServerFrame.class));
    }

    @Test
    void namesEveryFrameOfTheCoreSpecification() {
        assertThat(FrameCodec.typeNamesOf(ClientFrame.class)).containsAll(CORE_CLIENT_TYPES);
        assertThat(FrameCodec.typeNamesOf(ServerFrame.class)).containsAll(CORE_SERVER_TYPES);
    }

    @Test
    void hasAnExampleOfEveryFrame() {
        assertThat(Examples.clientFrames().stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(permitted(ClientFrame.class));
        assertThat(Examples.serverFrames().stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(permitted(ServerFrame.class));
    }

    @Test
    void roundTripsEveryFrame() {
        FrameCodec codec = FrameCodec.create();
        for (ClientFrame frame : Examples.clientFrames()) {
            assertThat(codec.decodeClient(codec.encode(frame))).isEqualTo(new Decoded.Ok<>(frame));
        }
        for (ServerFrame frame : Examples.serverFrames()) {
            assertThat(codec.decodeServer(codec.encode(frame))).isEqualTo(new Decoded.Ok<>(frame));
        }
    }

    private static List<Class<?>> registered(Class<?> hierarchy) {
        return Stream.of(hierarchy.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::value)
                .collect(Collectors.toList());
    }

    private static List<Class<?>> permitted(Class<?> hierarchy) {
        return List.of(hierarchy.getPermittedSubclasses());
    }
}
