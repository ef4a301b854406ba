package dev.tokentray.renew;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.vault.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The marks of other processes' changes, heard through the real OS watch (inotify on Linux). */
class ChangeMarksTest {
    @TempDir
    Path state;

    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

    @Test
    void theAccountsOfOneProcessShareOneWatchOfTheFolderAndEachHearsItsOwnChanges() throws Exception {
        int before = SharedFolderWatch.watchedFolders();
        ChangeMarks marks = new ChangeMarks(state);
        try (ChangeMarks.Watch self = listen(marks, "self");
                ChangeMarks.Watch huf = listen(new ChangeMarks(state), "huf");
                ChangeMarks.Watch end1 = listen(marks, "end-1");
                ChangeMarks.Watch end2 = listen(marks, "end-2")) {
            assertThat(SharedFolderWatch.watchedFolders()).as("one watch for all the accounts").isEqualTo(before + 1);

            marks.mark("huf");
            assertThat(heardBefore(marks, "end-1")).as("heard of huf's change").isNotEmpty().containsOnly("huf");

            marks.mark(ChangeMarks.STOPS);
            assertThat(heardBefore(marks, "end-2")).as("the stops are every account's").contains("self", "huf");
        }
        assertThat(SharedFolderWatch.watchedFolders()).as("the last to leave closes the watch").isEqualTo(before);
    }

    @Test
    void anAccountThatLeavesLeavesTheOthersWatchingAndANewWatchOpensAfterTheLastLeft() throws Exception {
        ChangeMarks marks = new ChangeMarks(state);
        ChangeMarks.Watch huf = listen(marks, "huf");
        try (ChangeMarks.Watch self = listen(marks, "self"); ChangeMarks.Watch end = listen(marks, "end-1")) {
            huf.close();
            huf.close(); // twice: harmless
            marks.mark("huf");
            assertThat(heardBefore(marks, "end-1")).as("a closed watch hears nothing").isEmpty();
        }

        try (ChangeMarks.Watch again = listen(marks, "self")) {
            marks.mark("self");
            String next = take();
            while (next.startsWith("end-")) { // the end of the step before, told twice
                next = take();
            }
            assertThat(next).isEqualTo("self");
        }
    }

    private ChangeMarks.Watch listen(ChangeMarks marks, String profile) throws Exception {
        return marks.watch(new Profile(profile), () -> heard.add(profile));
    }

    /**
     * What the listeners heard before the mark of {@code end}, a listener made after theirs: one
     * thread tells them, in the order of the changes and, for one change, in the order the
     * listeners came. A mark may be told twice (its file's creation and its write); the ends of
     * earlier steps are left out.
     */
    private List<String> heardBefore(ChangeMarks marks, String end) throws InterruptedException {
        marks.mark(end);
        List<String> before = new ArrayList<>();
        for (String next = take(); !next.equals(end); next = take()) {
            if (!next.startsWith("end-")) {
                before.add(next);
            }
        }
        return before;
    }

    private String take() throws InterruptedException {
        String next = heard.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("a change heard within 10 s").isNotNull();
        return next;
    }
}
