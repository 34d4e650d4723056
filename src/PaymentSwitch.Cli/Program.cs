namespace PaymentSwitch.Cli;

/// <summary>The <c>paymentswitch</c> entry point: wires the process's streams and clock, then runs <see cref="Cli"/>.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        using var stdin = Console.IsInputRedirected ? Console.OpenStandardInput() : null;
        using var stdout = Console.IsOutputRedirected ? Console.OpenStandardOutput() : null;
        var console = new CliConsole(Console.In, Console.Out, Console.Error, TimeProvider.System, stdin, stdout);
        return Cli.Run(args, console);
    }
}
