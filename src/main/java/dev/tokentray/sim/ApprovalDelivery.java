package dev.tokentray.sim;

/** What the Notifier Webhook answered when the simulator POSTed it an approved token. */
public record ApprovalDelivery(int status, String answer) {}
