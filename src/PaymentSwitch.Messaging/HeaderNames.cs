namespace PaymentSwitch.Messaging;

/// <summary>Header names the switch uses. NATS header names are case-sensitive (ADR-4), so these are spelled exactly.</summary>
public static class HeaderNames
{
    /// <summary>The publisher's message id; JetStream uses it to drop duplicates within its window.</summary>
    public const string MessageId = "Nats-Msg-Id";

    /// <summary>The payload encoding, for example <c>application/msgpack</c> or <c>application/xml</c>.</summary>
    public const string ContentType = "Content-Type";

    /// <summary>W3C trace context: the caller's trace and span.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>W3C trace context: vendor-specific trace state.</summary>
    public const string TraceState = "tracestate";

    /// <summary>The ISO 20022 message identifier of the payload, for example <c>pacs.008.001.13</c>.</summary>
    public const string MessageType = "PaymentSwitch-Message-Type";

    /// <summary>The version of the switch's own envelope protocol.</summary>
    public const string ProtocolVersion = "PaymentSwitch-Protocol-Version";

    /// <summary>
    /// On a request: when its sender stops waiting for the reply, as Unix time in milliseconds (UTC). A responder drops
    /// a request whose deadline has passed (<see cref="RequestDeadline"/>).
    /// </summary>
    public const string Deadline = "PaymentSwitch-Deadline";

    /// <summary>Set on a reply that reports an operating or protocol error instead of a business answer.</summary>
    public const string Error = "PaymentSwitch-Error";

    /// <summary>An ISO 20022 reason code (for example <c>AB08</c>) that goes with <see cref="Error"/> or a rejection.</summary>
    public const string Reason = "PaymentSwitch-Reason";
}
