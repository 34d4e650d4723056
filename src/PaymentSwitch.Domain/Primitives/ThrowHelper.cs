using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PaymentSwitch.Domain;

/// <summary>Throw helpers kept out of line so the callers' hot paths stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void UndefinedEnumValue(string paramName, int value) =>
        throw new ArgumentOutOfRangeException(paramName, value, "The value is not a defined member of the enumeration.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Format(ParseFailure failure) => throw new FormatException(failure.Rule);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Argument(string paramName, string message) => throw new ArgumentException(message, paramName);
}
