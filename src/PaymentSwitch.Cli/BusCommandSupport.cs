using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using PaymentSwitch.Domain;
using PaymentSwitch.Hub;
using PaymentSwitch.Hub.ReferenceData;
using PaymentSwitch.Messaging;
using PaymentSwitch.Services.Protocol;
using Spectre.Console;

namespace PaymentSwitch.Cli;

/// <summary>
/// What the commands that talk to a running switch share (<c>hub</c>, <c>adapter</c>, <c>send</c>, <c>quote</c>,
/// <c>lookup</c>, <c>settle</c>, <c>status</c>): the <c>--nats</c> option, connecting with a one-line error instead of
/// a stack trace, requests to the hub, the hub's error replies, and checks of options against the reference data.
/// </summary>
/// <remarks>
/// Exit codes follow <see cref="Cli"/>: 2 for anything wrong before the hub decided (bad options, no server, nobody
/// answering), 1 when the hub answered with an error (<c>PaymentSwitch-Error</c>) or a business refusal.
/// </remarks>
internal static class BusCommandSupport
{
    /// <summary>The NATS server the commands use unless <c>--nats</c> names another.</summary>
    public const string DefaultNatsUrl = "nats://127.0.0.1:4222";

    /// <summary>The default wait for a reply from the hub.</summary>
    public const string DefaultTimeout = "5s";

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public static Option<string> NatsOption() => new("--nats")
    {
        Description = $"The NATS server the switch runs on.",
        DefaultValueFactory = static _ => DefaultNatsUrl,
    };

    public static Option<string> TimeoutOption() => new("--timeout")
    {
        Description = $"How long to wait for the hub's reply: 500ms, 5s, 1m or hh:mm:ss.",
        DefaultValueFactory = static _ => DefaultTimeout,
    };

    public static Option<string> FormatOption() =>
        OneOf(new Option<string>("--format") { Description = "table or json (the hub's reply as is).", DefaultValueFactory = static _ => "table" }, "table", "json");

    /// <summary>
    /// Accepts only <paramref name="values"/> (ordinal), with an error that names the option, which System.CommandLine's
    /// own <c>AcceptOnlyFromAmong</c> message does not.
    /// </summary>
    public static Option<string> OneOf(Option<string> option, params string[] values)
    {
        option.CompletionSources.Add(values);
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!values.Contains(value, StringComparer.Ordinal))
            {
                result.AddError($"{option.Name} {value}: expected {string.Join(", ", values.SkipLast(1))} or {values[^1]}");
            }
        });
        return option;
    }

    /// <summary>A Spectre console over the command's output, at least <paramref name="minWidth"/> columns wide (redirected output reports 80).</summary>
    public static IAnsiConsole Ui(CliConsole console, int minWidth = 120)
    {
        var ui = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Output) });
        ui.Profile.Width = Math.Max(ui.Profile.Width, minWidth);
        return ui;
    }

    /// <summary>Connects to NATS; on failure writes one line to standard error and returns <c>null</c> (exit <see cref="Cli.Usage"/>).</summary>
    public static async Task<IMessageBus?> ConnectAsync(CliConsole console, string url, string clientName, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var options = new NatsBusOptions { Url = url, Name = clientName, ConnectTimeout = ConnectTimeout };
        var (bus, error) = await TryConnectAsync(options, "--nats", loggers, cancellationToken).ConfigureAwait(false);
        if (bus is null)
        {
            console.Error.WriteLine($"error: {error}");
        }

        return bus;
    }

    /// <summary>
    /// Connects to NATS; on failure returns the reason as one line without a stack trace (naming <paramref name="urlSource"/>,
    /// the option or configuration key the URL came from, when the URL itself is wrong). Cancellation is rethrown.
    /// </summary>
    public static async Task<(IMessageBus? Bus, string? Error)> TryConnectAsync(NatsBusOptions options, string urlSource, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = options.Url;
        try
        {
            return (await NatsMessageBus.ConnectAsync(options, loggers, cancellationToken).ConfigureAwait(false), null);
        }
        catch (ArgumentException ex)
        {
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            return (null, $"{urlSource} {url}: {FirstLine(message)}");
        }
        catch (BusException ex)
        {
            return (null, $"cannot connect to NATS at {url}: {FirstLine(ex.InnerException?.Message ?? ex.Message)}");
        }
        catch (TimeoutException ex)
        {
            return (null, $"cannot connect to NATS at {url}: {FirstLine(ex.Message)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"cannot connect to NATS at {url}: no answer within {Format(options.ConnectTimeout)}");
        }
    }

    /// <summary>
    /// Sends a request; a transport fault (nobody subscribed, no reply in time, connection lost) writes one line to
    /// standard error and returns <c>null</c> (exit <see cref="Cli.Usage"/>).
    /// </summary>
    public static async Task<BusMessage?> RequestAsync(
        CliConsole console, IMessageBus bus, string subject, ReadOnlyMemory<byte> payload, MessageHeaders headers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await bus.RequestAsync(subject, payload, headers, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (NoRespondersException)
        {
            console.Error.WriteLine($"error: nothing answers on {subject} at {bus.Description}; is 'paymentswitch hub' running there?");
        }
        catch (BusTimeoutException)
        {
            console.Error.WriteLine($"error: no reply on {subject} within {Format(timeout)}; the hub at {bus.Description} is busy or stuck (try a longer --timeout)");
        }
        catch (BusException ex)
        {
            console.Error.WriteLine($"error: {FirstLine(ex.Message)}");
        }

        return null;
    }

    /// <summary>
    /// Writes the hub's error reply (<c>PaymentSwitch-Error</c> and <c>PaymentSwitch-Reason</c>, see HubService.RefuseAsync)
    /// as <c>error: &lt;reason&gt; &lt;field&gt;: &lt;detail&gt;</c>; <c>true</c> if the reply was one.
    /// </summary>
    public static bool TryReportHubError(CliConsole console, in BusMessage reply)
    {
        if (reply.Headers is not { } headers || !headers.TryGet(HeaderNames.Error, out var error))
        {
            return false;
        }

        var reason = headers.TryGet(HeaderNames.Reason, out var code) ? code : "FF01";
        console.Error.WriteLine($"error: {reason} {error}");
        return true;
    }

    /// <summary>Headers of a JSON request.</summary>
    public static MessageHeaders JsonHeaders() => new()
    {
        [HeaderNames.ContentType] = ContentTypes.Json,
        [HeaderNames.ProtocolVersion] = ProtocolSubjects.Version,
    };

    /// <summary>An IPS of the reference data; otherwise an error listing the valid ids.</summary>
    public static bool TryParseIps(CliConsole console, Topology topology, string option, string? text, out IpsId ips)
    {
        foreach (var definition in topology.Ips)
        {
            if (string.Equals(definition.Id.Value, text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                ips = definition.Id;
                return true;
            }
        }

        ips = default;
        console.Error.WriteLine($"error: {option} {text}: not an IPS connected to the hub; expected one of {string.Join(", ", topology.Ips.Select(static i => i.Id.Value))}");
        return false;
    }

    /// <summary>A BIC (ISO 9362); otherwise an error naming the option and the rule it breaks.</summary>
    public static bool TryParseBic(CliConsole console, string option, string? text, out Bic bic)
    {
        if (Bic.TryParse(text?.Trim(), out bic, out var failure))
        {
            return true;
        }

        console.Error.WriteLine($"error: {option} {text}: {failure.Rule}");
        return false;
    }

    /// <summary>
    /// An amount in a currency, parsed exactly by <see cref="Money.TryParse"/> (never through binary floating point):
    /// strictly positive, at most the currency's decimal places, at most 18 digits.
    /// </summary>
    public static bool TryParseAmount(CliConsole console, string? amountText, string? currencyText, out Money money)
    {
        money = default;
        if (!Currency.TryFromCode(currencyText?.Trim().ToUpperInvariant(), out var currency))
        {
            console.Error.WriteLine($"error: --currency {currencyText}: not an ISO 4217 currency code");
            return false;
        }

        if (!Money.TryParse(amountText.AsSpan(), currency, AmountRules.None, out money, out var failure))
        {
            console.Error.WriteLine($"error: --amount {amountText}: {failure.Rule}");
            return false;
        }

        return true;
    }

    /// <summary>
    /// A duration: a number with a unit (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h</c>) or a .NET time span
    /// (<c>00:05:00</c>), within [<paramref name="min"/>, <paramref name="max"/>].
    /// </summary>
    public static bool TryParseDuration(CliConsole console, string option, string? text, TimeSpan min, TimeSpan max, out TimeSpan duration)
    {
        if (!TryParseDuration(text, out duration) || duration < min || duration > max)
        {
            console.Error.WriteLine($"error: {option} {text}: expected a duration from {Format(min)} to {Format(max)}, such as 30s, 5m, 1h or 00:05:00");
            return false;
        }

        return true;
    }

    internal static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        if (span.Contains(':'))
        {
            return TimeSpan.TryParse(span, CultureInfo.InvariantCulture, out duration);
        }

        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0 || digits > 9 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var unit = span[digits..];
        long? ticksPerUnit = unit switch
        {
            "ms" => TimeSpan.TicksPerMillisecond,
            "s" => TimeSpan.TicksPerSecond,
            "m" => TimeSpan.TicksPerMinute,
            "h" => TimeSpan.TicksPerHour,
            "d" => TimeSpan.TicksPerDay,
            _ => null,
        };
        if (ticksPerUnit is not { } ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks(value * ticks);
        return true;
    }

    /// <summary>A duration for people: <c>250 ms</c>, <c>5 s</c>, or <c>01:00:00</c>.</summary>
    public static string Format(TimeSpan duration) =>
        duration < TimeSpan.FromSeconds(1) ? string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / TimeSpan.TicksPerMillisecond} ms")
        : duration < TimeSpan.FromMinutes(1) && duration.Ticks % TimeSpan.TicksPerSecond == 0 ? string.Create(CultureInfo.InvariantCulture, $"{duration.Ticks / TimeSpan.TicksPerSecond} s")
        : duration.ToString("c", CultureInfo.InvariantCulture);

    /// <summary>An amount on the wire as people read it (<c>1000.00 SGD</c>); the raw minor units when the currency is unknown.</summary>
    public static string Format(AmountDto? amount) =>
        amount is null ? "-" : amount.TryToMoney(out var money) ? money.ToString() : string.Create(CultureInfo.InvariantCulture, $"{amount.Minor} minor {amount.Currency}");

    /// <summary>A timestamp in UTC, to the millisecond.</summary>
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>UTF-8 text of a payload.</summary>
    public static string Text(ReadOnlyMemory<byte> payload) => Encoding.UTF8.GetString(payload.Span);

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
