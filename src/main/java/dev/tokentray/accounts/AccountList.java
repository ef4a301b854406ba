package dev.tokentray.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tokentray.platform.SettingsFile;
import dev.tokentray.renew.RenewalSettings;
import dev.tokentray.vault.Profile;
import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accounts, in the trader's order, as the settings file keeps them, in a section of their own:
 * {@code "accounts": [{"profile": "default", "label": "Me", "renewal": {...}}, ...]}. Never a secret.
 *
 * <p>Before there was a list, the app had one account, the {@code default} profile, and its
 * renewal settings in the {@code renewal} section: without the {@code accounts} section the list is
 * that one account, so that an existing login appears as the first account with nothing to enter
 * again. Every change rewrites the whole section, read afresh, so that another process's change
 * (a {@code setup} of a new profile) is kept.
 */
public final class AccountList {
    private static final Logger LOG = LoggerFactory.getLogger(AccountList.class);
    public static final String SECTION = "accounts";
    private static final int MAX_PROFILE_NAME = 32;

    private final SettingsFile file;

    public AccountList(SettingsFile file) {
        this.file = file;
    }

    /** The accounts in order; entries that cannot be read are left out (and logged). */
    public synchronized List<Account> all() {
        JsonNode section = file.section(SECTION);
        if (!section.isArray()) {
            return List.of(new Account(Profile.DEFAULT, "", RenewalSettings.fromJson(file.section(RenewalSettings.SECTION))));
        }
        Map<Profile, Account> accounts = new LinkedHashMap<>();
        for (JsonNode entry : section) {
            try {
                Profile profile = new Profile(entry.path("profile").asText());
                accounts.putIfAbsent(profile, new Account(profile, entry.path("label").asText(""),
                        RenewalSettings.fromJson(entry.path("renewal"))));
            } catch (IllegalArgumentException e) {
                LOG.warn("An account in the settings file has no valid profile name; it is left out: {}", e.getMessage());
            }
        }
        return List.copyOf(accounts.values());
    }

    /** Whether the file has a list yet (else the list is the default profile alone). */
    public synchronized boolean saved() {
        return file.section(SECTION).isArray();
    }

    public synchronized Optional<Account> find(Profile profile) {
        return all().stream().filter(account -> account.profile().equals(profile)).findFirst();
    }

    public List<Profile> profiles() {
        return all().stream().map(Account::profile).toList();
    }

    /**
     * A new account with a profile name made from the label ("Priya HUF" becomes {@code priya-huf},
     * or {@code priya-huf-2} when that is taken), at the end of the list. Not saved: {@link #add} it
     * once its credentials are stored.
     */
    public synchronized Account draft(String label) {
        Set<Profile> taken = all().stream().map(Account::profile).collect(Collectors.toSet());
        return new Account(profileFor(label, taken), label, RenewalSettings.DEFAULT);
    }

    /** Adds the account at the end; an account of that profile already there is kept as it is. */
    public synchronized Account add(Account account) throws IOException {
        List<Account> accounts = new ArrayList<>(all());
        Optional<Account> existing = accounts.stream().filter(a -> a.profile().equals(account.profile())).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        accounts.add(account);
        write(accounts);
        return account;
    }

    /** Replaces the account of the same profile (a new label, new renewal settings). */
    public synchronized void replace(Account account) throws IOException {
        List<Account> accounts = new ArrayList<>(all());
        accounts.replaceAll(a -> a.profile().equals(account.profile()) ? account : a);
        write(accounts);
    }

    public synchronized void remove(Profile profile) throws IOException {
        List<Account> accounts = new ArrayList<>(all());
        accounts.removeIf(a -> a.profile().equals(profile));
        write(accounts);
    }

    /** Moves the account {@code by} places (-1 up, +1 down), as far as the list goes. */
    public synchronized void move(Profile profile, int by) throws IOException {
        List<Account> accounts = new ArrayList<>(all());
        int from = accounts.stream().map(Account::profile).toList().indexOf(profile);
        if (from < 0) {
            return;
        }
        int to = Math.clamp(from + by, 0, accounts.size() - 1);
        accounts.add(to, accounts.remove(from));
        write(accounts);
    }

    /** Writes the list as given, in its order. */
    public synchronized void write(List<Account> accounts) throws IOException {
        ArrayNode section = JsonNodeFactory.instance.arrayNode();
        for (Account account : accounts) {
            ObjectNode entry = section.addObject().put("profile", account.profile().name()).put("label", account.label());
            account.renewal().toJson(entry.putObject("renewal"));
        }
        file.write(SECTION, section);
    }

    /** A profile name from the label: lower-case letters, digits and dashes, not one of {@code taken}. */
    static Profile profileFor(String label, Set<Profile> taken) {
        String plain = Normalizer.normalize(label, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String base = plain.isEmpty() ? "account" : plain.substring(0, Math.min(plain.length(), MAX_PROFILE_NAME - 3))
                .replaceAll("-+$", "");
        Profile candidate = new Profile(base);
        for (int n = 2; taken.contains(candidate) || candidate.equals(Profile.DEMO); n++) {
            candidate = new Profile(base + "-" + n);
        }
        return candidate;
    }
}
