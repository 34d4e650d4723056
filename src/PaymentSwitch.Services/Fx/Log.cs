using Microsoft.Extensions.Logging;

namespace PaymentSwitch.Services.Fx;

/// <summary>The FX provider service's log messages (source-generated).</summary>
internal static partial class Log
{
    [LoggerMessage(201, LogLevel.Information, "FX provider {FxProvider} started on {Bus}: {Count} rate sheets, published every {Interval}, each valid for {ValidFor}")]
    public static partial void Started(ILogger logger, string fxProvider, string bus, int count, TimeSpan interval, TimeSpan validFor);

    [LoggerMessage(202, LogLevel.Warning, "FX provider {FxProvider}: the hub refused the {Pair} sheet: {Error}")]
    public static partial void Refused(ILogger logger, string fxProvider, string pair, string error);

    [LoggerMessage(203, LogLevel.Warning, "FX provider {FxProvider}: round {Round} stopped after {Published} sheets: {Error}")]
    public static partial void RoundFailed(ILogger logger, string fxProvider, long round, int published, string error);

    [LoggerMessage(204, LogLevel.Debug, "FX provider {FxProvider}: round {Round} published {Count} sheets")]
    public static partial void RoundPublished(ILogger logger, string fxProvider, long round, int count);

    [LoggerMessage(205, LogLevel.Debug, "FX provider {FxProvider}: a round is still running; this interval is skipped")]
    public static partial void RoundSkipped(ILogger logger, string fxProvider);

    [LoggerMessage(206, LogLevel.Error, "FX provider {FxProvider}: a round failed")]
    public static partial void RoundCrashed(ILogger logger, string fxProvider, Exception exception);
}
