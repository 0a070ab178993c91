package dev.confab.client.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.confab.protocol.MessageContent;
import dev.confab.protocol.RoomName;
import org.junit.jupiter.api.Test;

class ComposerModelTest {
    private final ComposerModel composer = new ComposerModel();

    @Test
    void submitsTheStrippedDraftAsANewMessageAndClearsTheBox() {
        composer.draftProperty().set("  hello there  ");
        assertThat(composer.submit()).isEqualTo(new ComposerModel.Submission.NewMessage("hello there", null));
        assertThat(composer.draftProperty().get()).isEmpty();
    }

    @Test
    void aBlankDraftSubmitsNothing() {
        composer.draftProperty().set("  \n ");
        assertThat(composer.submit()).isEqualTo(new ComposerModel.Submission.Nothing());
    }

    @Test
    void aTooLongDraftIsKeptSoNothingTypedIsLost() {
        String tooLong = "x".repeat(MessageContent.MAX_CODE_POINTS + 1);
        composer.draftProperty().set(tooLong);
        assertThat(composer.submit()).isEqualTo(new ComposerModel.Submission.TooLong());
        assertThat(composer.draftProperty().get()).isEqualTo(tooLong);
    }

    @Test
    void eachRoomKeepsItsOwnDraft() {
        RoomName general = RoomName.of("general");
        RoomName builds = RoomName.of("builds");
        composer.enterRoom(general);
        composer.draftProperty().set("half a thought");
        composer.leaveRoom(general);
        composer.enterRoom(builds);
        assertThat(composer.draftProperty().get()).isEmpty();
        assertThat(composer.promptProperty().get()).isEqualTo("Message #builds");
        composer.draftProperty().set("about the build");
        composer.leaveRoom(builds);
        composer.enterRoom(general);
        assertThat(composer.draftProperty().get()).isEqualTo("half a thought");
    }

    @Test
    void typingIsNewsOnlyForANonBlankNewMessage() {
        assertThat(composer.typingIsNews()).isFalse();
        composer.draftProperty().set("h");
        assertThat(composer.typingIsNews()).isTrue();
    }

    @Test
    void escapeWithNothingUnderWayCancelsNothing() {
        assertThat(composer.cancel()).isFalse();
    }
}
