using System.Globalization;

namespace PaymentSwitch.Messaging;

/// <summary>
/// The <see cref="HeaderNames.Deadline"/> header of a request: the instant after which its sender no longer waits for
/// the reply, as Unix time in milliseconds (UTC). A responder that takes a request off its queue after that instant
/// drops it unanswered, so that under overload it spends its time on requests someone still waits for instead of
/// answering into the void (docs/protocol.md, "Back-pressure: no silent drops").
/// </summary>
/// <remarks>
/// The deadline is absolute, not a remaining duration, because the time a request spends queued in NATS and in the
/// responder's buffer is exactly what it must cover; clocks of the processes are expected to agree to well under a
/// request timeout (NTP). A relay that forwards a request keeps the earlier of its caller's deadline and its own.
/// </remarks>
public static class RequestDeadline
{
    /// <summary>Reads the deadline of <paramref name="headers"/>, if it has a well-formed one.</summary>
    public static bool TryRead(MessageHeaders? headers, out DateTimeOffset deadline)
    {
        deadline = default;
        if (headers is null || !headers.TryGet(HeaderNames.Deadline, out var text)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            return false;
        }

        deadline = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }

    /// <summary>Sets the deadline of <paramref name="headers"/> to <paramref name="deadline"/>, or to <paramref name="inherited"/> when that is earlier.</summary>
    public static void Stamp(MessageHeaders headers, DateTimeOffset deadline, DateTimeOffset? inherited = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var effective = inherited is { } earlier && earlier < deadline ? earlier : deadline;
        headers[HeaderNames.Deadline] = effective.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>True when <paramref name="message"/> carries a deadline that has passed at <paramref name="now"/>; a message without one never expires.</summary>
    public static bool HasExpired(in BusMessage message, DateTimeOffset now) =>
        TryRead(message.Headers, out var deadline) && now > deadline;
}
