using System.CommandLine;

namespace PaymentSwitch.Cli;

/// <summary>
/// The command tree of <c>paymentswitch</c>. Exit codes: 0 success, 1 a message is invalid or could not be converted,
/// 2 a usage error (unknown option, missing file, unsupported combination).
/// </summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Usage = 2;

    /// <summary>Runs a command with text streams only (tests): stdin is read as UTF-8 text.</summary>
    internal static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, TimeProvider? time = null) =>
        Run(args, new CliConsole(stdin, stdout, stderr, time ?? TimeProvider.System));

    /// <summary>Runs a command against the given console.</summary>
    internal static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var root = Build(console);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.Error.WriteLine($"error: {error.Message}");
            }

            console.Error.WriteLine("Run 'paymentswitch --help' for usage.");
            return Usage;
        }

        var configuration = new InvocationConfiguration { Output = console.Output, Error = console.Error };
        try
        {
            return parsed.Invoke(configuration);
        }
        finally
        {
            console.Output.Flush();
            console.Error.Flush();
        }
    }

    private static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("PaymentSwitch: an ISO 20022 instant-payment switch simulator for ASEAN cross-border payments.");
        var iso = new Command("iso", "ISO 20022 message tools: validate, convert between XML, JSON and MessagePack, print examples.");
        iso.Subcommands.Add(IsoValidateCommand.Create(console));
        iso.Subcommands.Add(IsoConvertCommand.Create(console));
        iso.Subcommands.Add(IsoExampleCommand.Create(console));
        iso.Subcommands.Add(IsoTourCommand.Create(console));
        root.Subcommands.Add(iso);
        root.Subcommands.Add(DemoCommand.Create(console));
        root.Subcommands.Add(HubCommand.Create(console));
        root.Subcommands.Add(AdapterCommand.Create(console));
        root.Subcommands.Add(FxpCommand.Create(console));
        root.Subcommands.Add(SendCommand.Create(console));
        root.Subcommands.Add(QuoteCommand.Create(console));
        root.Subcommands.Add(LookupCommand.Create(console));
        root.Subcommands.Add(SettleCommand.Create(console));
        root.Subcommands.Add(StatusCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        return root;
    }
}
