using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace PaymentSwitch.Domain;

/// <summary>Invariant assertions that stay on in Release builds: a broken invariant is a programmer error and fails fast.</summary>
internal static class Invariant
{
    public static void Assert([DoesNotReturnIf(false)] bool condition, string message)
    {
        if (!condition)
        {
            Fail(message);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fail(string message) => throw new InvalidOperationException("Invariant violated: " + message);
}
