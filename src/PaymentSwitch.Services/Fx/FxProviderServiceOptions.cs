using System.ComponentModel.DataAnnotations;
using PaymentSwitch.Hub.Fx;

namespace PaymentSwitch.Services.Fx;

/// <summary>Options of an FX provider service (configuration section <c>FxProvider</c>).</summary>
public sealed class FxProviderServiceOptions : IValidatableObject
{
    /// <summary>How often the provider moves its mid rates and publishes every sheet again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:20:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest move of a mid rate per interval, in whole basis points (each pair draws its own step in ±this).</summary>
    [Range(0, 100)]
    public int MaxStepBps { get; set; } = 3;

    /// <summary>How far a mid rate may wander from the reference data's, in basis points; the walk stops at the bound.</summary>
    [Range(0, 2000)]
    public int MaxDriftBps { get; set; } = 200;

    /// <summary>Seed of the walk: the same seed, provider and number of intervals give the same rates.</summary>
    public long Seed { get; set; } = 20261122;

    /// <summary>
    /// How long each published sheet stays current at the hub; <c>null</c> means three intervals but at least 60 s (at
    /// most 1 hour), so a late or lost publication does not take the provider out of the quotes.
    /// </summary>
    public TimeSpan? ValidFor { get; set; }

    /// <summary>How long to wait for the hub's answer to one sheet.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The validity sent with each sheet (<see cref="ValidFor"/> or its default).</summary>
    public TimeSpan EffectiveValidFor => ValidFor ?? TimeSpan.FromTicks(Math.Min(
        RateSheetPublication.MaxValidFor.Ticks,
        Math.Max(RateSheetPublication.DefaultValidFor.Ticks, 3 * Interval.Ticks)));

    /// <summary>Throws <see cref="ArgumentException"/> naming every rule these options break.</summary>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new ArgumentException($"Invalid {nameof(FxProviderServiceOptions)}: {string.Join("; ", results.Select(static r => r.ErrorMessage))}");
        }
    }

    /// <inheritdoc/>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        var validFor = EffectiveValidFor;
        if (validFor < RateSheetPublication.MinValidFor || validFor > RateSheetPublication.MaxValidFor)
        {
            yield return new ValidationResult($"{nameof(ValidFor)} must be between 1 second and 1 hour, as the hub accepts.", [nameof(ValidFor)]);
        }
        else if (validFor <= Interval)
        {
            yield return new ValidationResult($"{nameof(ValidFor)} must be longer than {nameof(Interval)}, or the provider's prices lapse between publications.", [nameof(ValidFor)]);
        }
    }
}
