package dev.tokentray.vault;

class InMemorySecretStoreTest extends SecretStoreContract {
    @Override
    protected SecretStore newStore() {
        return new InMemorySecretStore();
    }
}
