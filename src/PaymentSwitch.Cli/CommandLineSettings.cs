using System.CommandLine;
using System.Globalization;

namespace PaymentSwitch.Cli;

/// <summary>
/// The options a role command (<c>hub</c>, <c>adapter</c>, <c>fxp</c>) was given explicitly, as configuration keys: the
/// last configuration source of the role's host, so the command line wins over appsettings.json and the environment.
/// An option left at its default is not here, so it does not hide a value configured elsewhere. Each key remembers the
/// option it came from, so a validation failure names what the user typed (<c>--nats localhost</c>), not only the key.
/// </summary>
internal sealed class CommandLineSettings
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _origins = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The option's value if the command line gave it; <c>null</c> if it was left at its default.</summary>
    public static string? Given(ParseResult parse, Option<string> option) =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    /// <summary>The option's value if the command line gave it; <c>null</c> if it was left at its default.</summary>
    public static T? Given<T>(ParseResult parse, Option<T> option)
        where T : struct =>
        parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option) : null;

    /// <summary>The configuration keys and values, for an in-memory configuration source.</summary>
    public IReadOnlyDictionary<string, string?> Values => _values;

    /// <summary>Sets <paramref name="key"/> from <paramref name="option"/> as typed (<paramref name="text"/>); a <c>null</c> text (not given) sets nothing.</summary>
    public CommandLineSettings Set(string key, string option, string? text) => Set(key, option, text, text);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>, which the command parsed from <paramref name="option"/> <paramref name="text"/>.</summary>
    public CommandLineSettings Set(string key, string option, string? text, string? value)
    {
        if (value is not null)
        {
            _values[key] = value;
            _origins[key] = text is null ? option : option + " " + text;
        }

        return this;
    }

    /// <summary>Sets a duration key in the invariant <c>c</c> format configuration binding reads (<c>01:00:00</c>).</summary>
    public CommandLineSettings SetDuration(string key, string option, string text, TimeSpan value) =>
        Set(key, option, text, value.ToString("c", CultureInfo.InvariantCulture));

    /// <summary>
    /// Maps <c>--log-level</c> onto <c>Logging:LogLevel</c>. At debug the NATS client and the bus log their connections
    /// too; below it they stay at warnings (see <see cref="RoleHost"/>).
    /// </summary>
    public CommandLineSettings SetLogLevel(string? level)
    {
        if (level is null)
        {
            return this;
        }

        var name = level switch
        {
            "debug" => "Debug",
            "warning" => "Warning",
            "error" => "Error",
            _ => "Information",
        };
        Set("Logging:LogLevel:Default", "--log-level", level, name);
        if (level == "debug")
        {
            Set("Logging:LogLevel:NATS", "--log-level", level, name);
            Set("Logging:LogLevel:PaymentSwitch.Messaging", "--log-level", level, name);
        }

        return this;
    }

    /// <summary>The option a key came from, with its text (<c>--nats localhost</c>); <c>null</c> if the command line did not set it.</summary>
    public string? OriginOf(string key) => _origins.GetValueOrDefault(key);
}
