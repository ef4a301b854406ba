package dev.tokentray.renew;

/** A webhook notice that does not belong to a request this renewer made; nothing of it is stored. */
public final class NoticeRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoticeRefusedException(String reason) {
        super(reason);
    }
}
