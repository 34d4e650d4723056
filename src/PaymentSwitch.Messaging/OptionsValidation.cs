using System.ComponentModel.DataAnnotations;

namespace PaymentSwitch.Messaging;

/// <summary>Runs the DataAnnotations rules (and <see cref="IValidatableObject"/>) of an options object.</summary>
internal static class OptionsValidation
{
    public static void ThrowIfInvalid(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new ArgumentException(
                $"Invalid {options.GetType().Name}: {string.Join("; ", results.Select(static result => result.ErrorMessage))}",
                nameof(options));
        }
    }
}
