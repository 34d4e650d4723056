using Microsoft.Extensions.Logging;

namespace PaymentSwitch.Services.Adapters;

/// <summary>The adapter service's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Warning, "{Ips}: the hub could not read a message: {Error}")]
    public static partial void HubError(ILogger logger, string ips, string error);

    [LoggerMessage(102, LogLevel.Warning, "{Ips}: unreadable message from the hub: {Error}")]
    public static partial void Unreadable(ILogger logger, string ips, string error);

    [LoggerMessage(103, LogLevel.Debug, "{Ips}: ignored a {Kind} from the hub")]
    public static partial void Ignored(ILogger logger, string ips, string kind);

    [LoggerMessage(104, LogLevel.Error, "{Ips}: the answer for {Uetr} could not be sent")]
    public static partial void AnswerFailed(ILogger logger, string ips, string uetr, Exception exception);

    [LoggerMessage(105, LogLevel.Warning, "{Ips}: refused to return {Uetr}: {Why}")]
    public static partial void ReturnRefused(ILogger logger, string ips, string uetr, string why);
}
