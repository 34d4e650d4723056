using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace PaymentSwitch.Cli;

/// <summary>
/// Validates an options object bound from configuration section <see cref="Section"/> with its DataAnnotations rules
/// and <see cref="IValidatableObject"/>, and those of every nested options object (<c>Hub:Resilience:Publish</c>), and
/// names each failure by its full configuration key (<c>Hub:Resilience:Publish:RetryAttempts: The field ... must be
/// between 0 and 100.</c>), or by the command-line option that set it (<c>--nats localhost: ...</c>).
/// </summary>
/// <remarks>
/// Why not <c>ValidateDataAnnotations()</c>: it checks only the top-level object's own properties (nested options such
/// as <c>HubServiceOptions.Resilience</c> would go unchecked until the service's constructor threw), and its message
/// names the member (<c>'InstanceId'</c>), not the configuration key a user has to fix.
/// </remarks>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class ConfigurationValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    // Options nest two or three levels deep; the bound only guards against a cycle.
    private const int MaxDepth = 8;

    private readonly CommandLineSettings _commandLine;
    private readonly Func<TOptions, IEnumerable<(string Member, string Message)>>? _check;

    /// <param name="section">The configuration section the options are bound from (<c>Hub</c>).</param>
    /// <param name="commandLine">The command line's settings, to name the option a bad value came from.</param>
    /// <param name="check">Rules the attributes cannot say, as (member path under the section, message).</param>
    public ConfigurationValidator(string section, CommandLineSettings commandLine, Func<TOptions, IEnumerable<(string Member, string Message)>>? check = null)
    {
        Section = section;
        _commandLine = commandLine;
        _check = check;
    }

    /// <summary>The configuration section the options are bound from.</summary>
    public string Section { get; }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Walk(options, Section, failures, depth: 0);
        if (failures.Count == 0 && _check is not null)
        {
            foreach (var (member, message) in _check(options))
            {
                failures.Add(Describe([Section + ":" + member], message));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void Walk(object value, string path, List<string> failures, int depth)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            foreach (var result in results)
            {
                var keys = result.MemberNames.Select(member => path + ":" + member).DefaultIfEmpty(path);
                failures.Add(Describe(keys, result.ErrorMessage ?? "invalid"));
            }
        }

        if (depth >= MaxDepth)
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanRead && property.GetIndexParameters().Length == 0 && IsOptions(property.PropertyType)
                && property.GetValue(value) is { } nested)
            {
                Walk(nested, path + ":" + property.Name, failures, depth + 1);
            }
        }
    }

    // Nested options are the project's own classes; strings, collections and framework types are leaves.
    private static bool IsOptions(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("PaymentSwitch", StringComparison.Ordinal) == true;

    private string Describe(IEnumerable<string> keys, string message)
    {
        var keyList = keys.ToList();
        var origin = keyList.Select(_commandLine.OriginOf).FirstOrDefault(static o => o is not null);
        return $"{origin ?? string.Join(", ", keyList)}: {message}";
    }
}
