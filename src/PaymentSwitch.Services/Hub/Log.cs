using Microsoft.Extensions.Logging;

namespace PaymentSwitch.Services.Hub;

/// <summary>The hub service's log messages (source-generated: no formatting cost when the level is off).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Hub started on {Bus}: {IpsCount} IPSs, {ParticipantCount} participants")]
    public static partial void Started(ILogger logger, string bus, int ipsCount, int participantCount);

    [LoggerMessage(2, LogLevel.Warning, "Refused input on {Subject}: {Rejection}")]
    public static partial void BadInput(ILogger logger, string subject, string rejection);

    [LoggerMessage(3, LogLevel.Information, "{Ips} sent a {Kind} the hub refused: {Rejection}")]
    public static partial void Refused(ILogger logger, string ips, string kind, string rejection);

    [LoggerMessage(4, LogLevel.Warning, "Late acceptance of {Uetr} by {Ips}: recorded for reconciliation, return requested")]
    public static partial void LateAcceptance(ILogger logger, string uetr, string ips);

    [LoggerMessage(5, LogLevel.Error, "The hub core produced an output of unknown kind {Kind}")]
    public static partial void UnknownOutput(ILogger logger, string kind);

    [LoggerMessage(6, LogLevel.Information, "{Count} HIGH-priority payments timed out")]
    public static partial void TimedOut(ILogger logger, int count);

    [LoggerMessage(7, LogLevel.Error, "A hub timer failed")]
    public static partial void TimerFailed(ILogger logger, Exception exception);

    [LoggerMessage(8, LogLevel.Information, "Settlement cycle {Cycle} closed with {Legs} committed legs")]
    public static partial void CycleClosed(ILogger logger, long cycle, long legs);

    [LoggerMessage(9, LogLevel.Information, "{Ips} registered {Count} proxies")]
    public static partial void ProxiesRegistered(ILogger logger, string ips, int count);

    [LoggerMessage(10, LogLevel.Warning, "Proxy lookup in {Ips} failed: {Error}")]
    public static partial void LookupFailed(ILogger logger, string ips, string error);

    [LoggerMessage(11, LogLevel.Warning, "Destination {Ips} OFFLINE: its circuit opened for {BreakMs} ms after it stopped answering; payments to it are refused AB08 until then")]
    public static partial void DestinationOpened(ILogger logger, string ips, long breakMs);

    [LoggerMessage(12, LogLevel.Information, "Destination {Ips} half-open: the next payment to it is the trial")]
    public static partial void DestinationHalfOpened(ILogger logger, string ips);

    [LoggerMessage(13, LogLevel.Information, "Destination {Ips} back online: its circuit closed")]
    public static partial void DestinationClosed(ILogger logger, string ips);

    [LoggerMessage(14, LogLevel.Error, "Publish on {Subject} failed ({Outcome}) after retries; the message is dropped (the receiver recovers by status enquiry or resend)")]
    public static partial void PublishFailed(ILogger logger, string subject, string outcome, Exception? exception);
}
