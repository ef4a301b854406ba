package dev.tokentray.sim;

/**
 * Ends a request early with an error answer, so that a handler can state its checks one per
 * line. A control-flow exception: it carries no stack trace.
 */
final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final String text;
    private final transient Reply reply;

    private Rejected(String code, String text, Reply reply) {
        super(code, null, false, false);
        this.code = code;
        this.text = text;
        this.reply = reply;
    }

    /** A login service error: HTTP 200 with {@code success: false}. */
    static Rejected service(String code, String message) {
        return new Rejected(code, message, Reply.serviceError(code, message));
    }

    /** An API host error with a 4xx status. */
    static Rejected api(int status, String code, String message) {
        return new Rejected(code, message, Reply.apiError(status, code, message));
    }

    String code() {
        return code;
    }

    /** The words Upstox would show, for the login form to put on its page. */
    String text() {
        return text;
    }

    Reply reply() {
        return reply;
    }
}
