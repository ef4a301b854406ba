package dev.tokentray.sim;

/**
 * Ends a request early with an error answer, so that a handler can state its checks one per
 * line. A control-flow exception: it carries no stack trace.
 */
final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final transient Reply reply;

    private Rejected(String code, Reply reply) {
        super(code, null, false, false);
        this.code = code;
        this.reply = reply;
    }

    /** A login service error: HTTP 200 with {@code success: false}. */
    static Rejected service(String code, String message) {
        return new Rejected(code, Reply.serviceError(code, message));
    }

    /** An API host error with a 4xx status. */
    static Rejected api(int status, String code, String message) {
        return new Rejected(code, Reply.apiError(status, code, message));
    }

    String code() {
        return code;
    }

    Reply reply() {
        return reply;
    }
}
