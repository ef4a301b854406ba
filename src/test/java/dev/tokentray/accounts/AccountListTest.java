package dev.tokentray.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.LoginHours;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accounts in the settings file: the default profile of earlier versions, add, label, reorder, remove. */
class AccountListTest {
    @TempDir
    Path folder;

    private SettingsFile file() {
        return new SettingsFile(folder.resolve("settings.json"));
    }

    @Test
    void withoutAListTheDefaultProfileIsTheOneAccountWithTheRenewalSettingsOfEarlierVersions() throws IOException {
        RenewalSettings earlier = RenewalSettings.DEFAULT.withAutomatic(false).withLoginWindow(LoginHours.ALWAYS)
                .withReadyBy(LocalTime.of(9, 0));
        file().write(RenewalSettings.SECTION, earlier.toJson(SettingsFile.newSection()));

        assertThat(new AccountList(file()).all()).containsExactly(new Account(Profile.DEFAULT, "", earlier));
        assertThat(Files.readString(folder.resolve("settings.json"))).doesNotContain(AccountList.SECTION);
    }

    @Test
    void addLabelMoveAndRemoveAreKeptInTheFileInOrder() throws IOException {
        AccountList list = new AccountList(file());
        Account huf = list.add(list.draft("Priya HUF"));
        Account mother = list.add(list.draft("Asha (mother)"));
        assertThat(huf.profile()).isEqualTo(new Profile("priya-huf"));
        assertThat(mother.profile()).isEqualTo(new Profile("asha-mother"));

        list.replace(huf.withLabel("Priya's HUF"));
        list.move(mother.profile(), -1);
        list.move(mother.profile(), -5); // as far as the list goes

        AccountList again = new AccountList(file());
        assertThat(again.all()).extracting(Account::label).containsExactly("Asha (mother)", "", "Priya's HUF");
        again.remove(Profile.DEFAULT);
        assertThat(new AccountList(file()).profiles()).containsExactly(mother.profile(), huf.profile());
        assertThat(again.add(new Account(huf.profile(), "another", RenewalSettings.DEFAULT)))
                .as("an account already listed stays as it is").isEqualTo(again.find(huf.profile()).orElseThrow());
    }

    @Test
    void aProfileNameIsMadeFromTheLabelAndIsNeverOneTaken() {
        assertThat(AccountList.profileFor("Priya HUF", Set.of())).isEqualTo(new Profile("priya-huf"));
        assertThat(AccountList.profileFor("Priya HUF", Set.of(new Profile("priya-huf")))).isEqualTo(new Profile("priya-huf-2"));
        assertThat(AccountList.profileFor("Ravi  Kumar (père)", Set.of())).isEqualTo(new Profile("ravi-kumar-pere"));
        assertThat(AccountList.profileFor("डीमैट", Set.of())).isEqualTo(new Profile("account"));
        assertThat(AccountList.profileFor("demo", Set.of())).as("the demo's own is never taken").isEqualTo(new Profile("demo-2"));
        assertThat(AccountList.profileFor("A very long label for an account of the family", Set.of()).name()).hasSizeLessThan(32);
    }

    @Test
    void anEntryWithoutAValidProfileIsLeftOutAndTheRestRead() throws IOException {
        Files.writeString(folder.resolve("settings.json"), """
                {"accounts": [{"profile": "Not Valid!", "label": "x"}, {"profile": "ravi", "label": "Ravi"},
                              {"profile": "ravi", "label": "twice"}]}
                """);

        assertThat(new AccountList(file()).all()).containsExactly(new Account(new Profile("ravi"), "Ravi", RenewalSettings.DEFAULT));
        assertThat(new AccountList(file()).find(new Profile("default"))).isEmpty();
    }
}
