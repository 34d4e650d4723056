using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace PaymentSwitch.Messaging;

/// <summary>
/// A private nats-server child process on a free loopback port that the server picks itself, for the CLI demo and
/// the integration tests (the way the NATS .NET client's own tests start <c>NatsServerExe</c>). Disposing it kills
/// the server and deletes its JetStream store.
/// </summary>
public sealed class NatsServerProcess : IAsyncDisposable
{
    /// <summary>How to install nats-server when <see cref="FindExecutable()"/> finds none.</summary>
    public const string InstallHint =
        "nats-server was not found. Install it: Debian/Ubuntu: sudo apt-get install -y nats-server; "
        + "macOS: brew install nats-server; otherwise put a release binary from https://github.com/nats-io/nats-server/releases on PATH, "
        + "or set " + ExecutableEnvironmentVariable + " to its full path.";

    /// <summary>An environment variable that names the nats-server binary, taking precedence over PATH.</summary>
    public const string ExecutableEnvironmentVariable = "PAYMENTSWITCH_NATS_SERVER";

    private const string ExecutableName = "nats-server";
    private const int StandardErrorLinesKept = 200;

    // nats-server's value for "bind a random free port" (-p and -m).
    private const string RandomPort = "-1";

    // Debian installs nats-server into /usr/sbin, which is not on a normal user's PATH.
    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/usr/local/sbin", "/usr/local/bin"];

    private readonly Process _process;
    private readonly StandardErrorTail _standardError;
    private int _disposed;

    private NatsServerProcess(Process process, StandardErrorTail standardError, int port, int? monitoringPort, string? storeDirectory)
    {
        _process = process;
        _standardError = standardError;
        Port = port;
        MonitoringPort = monitoringPort;
        StoreDirectory = storeDirectory;
        Url = string.Create(CultureInfo.InvariantCulture, $"nats://127.0.0.1:{port}");
        MonitoringUrl = monitoringPort is { } m ? string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{m}") : null;
    }

    /// <summary>The client URL, <c>nats://127.0.0.1:PORT</c>.</summary>
    public string Url { get; }

    /// <summary>The client port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The monitoring port, when monitoring was asked for.</summary>
    public int? MonitoringPort { get; }

    /// <summary>The monitoring base URL (<c>http://127.0.0.1:PORT</c>), when monitoring was asked for.</summary>
    public string? MonitoringUrl { get; }

    /// <summary>The JetStream store directory (a fresh temporary directory), or null without JetStream.</summary>
    public string? StoreDirectory { get; }

    /// <summary>The server's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The last lines the server wrote to standard error (its log).</summary>
    public string StandardError => _standardError.ToString();

    /// <summary>
    /// The nats-server binary: <see cref="ExecutableEnvironmentVariable"/> when set, else the first
    /// <c>nats-server</c> on PATH, else the usual system directories; null when there is none.
    /// </summary>
    public static string? FindExecutable()
        => FindExecutable(Environment.GetEnvironmentVariable(ExecutableEnvironmentVariable), Environment.GetEnvironmentVariable("PATH"));

    /// <summary>The lookup of <see cref="FindExecutable()"/> over given variable values (testable without touching the process environment).</summary>
    internal static string? FindExecutable(string? fromEnvironment, string? path)
    {
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            // An explicit choice that is wrong must not silently fall back to another binary.
            return File.Exists(fromEnvironment.Trim()) ? Path.GetFullPath(fromEnvironment.Trim()) : null;
        }

        var fileName = OperatingSystem.IsWindows() ? ExecutableName + ".exe" : ExecutableName;
        foreach (var directory in (path ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Concat(ExtraDirectories))
        {
            var candidate = Path.Combine(directory, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Starts nats-server on a loopback port of its own choosing and returns once it has logged that it is ready.
    /// </summary>
    /// <remarks>
    /// The server is started with <c>-p -1</c> (and <c>-m -1</c> for monitoring), so it binds a random free port
    /// itself: no other process can take the port between choosing and binding it. The port is read from the
    /// server's own log line "Listening for client connections on 127.0.0.1:PORT" (and "Starting http monitor on
    /// 127.0.0.1:PORT"), and readiness from its "Server is ready" line, so a listener of some other process on a
    /// port we guessed can never be mistaken for our server.
    /// </remarks>
    /// <exception cref="FileNotFoundException">No nats-server binary (the message includes <see cref="InstallHint"/>).</exception>
    /// <exception cref="InvalidOperationException">The server exited or did not report ready in time; the message includes its standard error.</exception>
    public static async Task<NatsServerProcess> StartAsync(NatsServerProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new NatsServerProcessOptions();
        options.Validate();
        var executable = options.ExecutablePath ?? FindExecutable()
            ?? throw new FileNotFoundException(InstallHint, ExecutableName);
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException($"nats-server binary '{executable}' does not exist. {InstallHint}", executable);
        }

        var storeDirectory = options.EnableJetStream ? Directory.CreateTempSubdirectory("paymentswitch-nats-").FullName : null;
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            CreateNoWindow = true,
        };
        startInfo.ArgumentList.Add("-a");
        startInfo.ArgumentList.Add("127.0.0.1");

        // -1 is nats-server's "random port": it binds a free port itself and logs which one.
        startInfo.ArgumentList.Add("-p");
        startInfo.ArgumentList.Add(RandomPort);
        if (storeDirectory is not null)
        {
            startInfo.ArgumentList.Add("-js");
            startInfo.ArgumentList.Add("-sd");
            startInfo.ArgumentList.Add(storeDirectory);
        }

        if (options.EnableMonitoring)
        {
            startInfo.ArgumentList.Add("-m");
            startInfo.ArgumentList.Add(RandomPort);
        }

        if (options.ServerName is { } name)
        {
            startInfo.ArgumentList.Add("-n");
            startInfo.ArgumentList.Add(name);
        }

        foreach (var argument in options.ExtraArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var standardError = new StandardErrorTail(StandardErrorLinesKept);
        var startupLog = new StartupLog();
        var process = new Process { StartInfo = startInfo };

        // nats-server logs to standard error; reading it continuously also keeps a full pipe from blocking the server.
        process.ErrorDataReceived += (_, line) =>
        {
            standardError.Add(line.Data);
            startupLog.Observe(line.Data);
        };
        process.OutputDataReceived += (_, line) => standardError.Add(line.Data);
        try
        {
            process.Start();
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or IOException)
        {
            process.Dispose();
            DeleteDirectory(storeDirectory);
            throw new InvalidOperationException($"Cannot start '{executable}': {exception.Message}", exception);
        }

        string? failure;
        try
        {
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            failure = await WaitUntilReadyAsync(process, startupLog, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The caller gave up (or something unforeseen failed): a half-started server must not outlive the call.
            await StopAndCleanUpAsync(process, storeDirectory).ConfigureAwait(false);
            throw;
        }

        if (failure is null)
        {
            return new NatsServerProcess(process, standardError, startupLog.ClientPort, options.EnableMonitoring ? startupLog.MonitoringPort : null, storeDirectory);
        }

        await StopAndCleanUpAsync(process, storeDirectory).ConfigureAwait(false);
        throw new InvalidOperationException(
            $"nats-server ({executable} {string.Join(' ', startInfo.ArgumentList)}) {failure}. Its standard error:{Environment.NewLine}{standardError}");
    }

    /// <summary>Kills the server and deletes its store directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(_process).ConfigureAwait(false);
        _process.Dispose();
        DeleteDirectory(StoreDirectory);
    }

    /// <summary>Null once the server has logged "Server is ready" after the ports it needs; otherwise why it never did.</summary>
    private static async Task<string?> WaitUntilReadyAsync(Process process, StartupLog startupLog, NatsServerProcessOptions options, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.StartTimeout);

        // Completes when the process has exited and both output pipes have been read to their end, so by then every
        // log line has been observed.
        var exited = process.WaitForExitAsync(deadline.Token);
        try
        {
            var first = await Task.WhenAny(startupLog.Ready, exited).ConfigureAwait(false);
            if (first != startupLog.Ready)
            {
                await exited.ConfigureAwait(false);
                return $"exited with code {process.ExitCode} before it reported ready";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"did not report ready (\"{StartupLog.ReadyLine}\" in its log) within {options.StartTimeout.Ticks / TimeSpan.TicksPerMillisecond} ms; "
                + "its log must go to standard error (no -l, log_file or syslog in the extra arguments or a config file)";
        }

        // Every port line comes before "Server is ready" in the log, so both are known by now if the server has them.
        if (startupLog.ClientPort == 0)
        {
            return $"reported ready without logging its client port (\"{StartupLog.ClientLine}HOST:PORT\")";
        }

        if (options.EnableMonitoring && startupLog.MonitoringPort == 0)
        {
            return $"reported ready without logging its monitoring port (\"{StartupLog.MonitoringLine}HOST:PORT\")";
        }

        return null;
    }

    private static async Task StopAndCleanUpAsync(Process process, string? storeDirectory)
    {
        await StopAsync(process).ConfigureAwait(false);
        process.Dispose();
        DeleteDirectory(storeDirectory);
    }

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already exited and reaped.
        }
        catch (OperationCanceledException)
        {
            // Kill was sent; do not hang a test run or the demo on a process that will not be reaped.
        }
    }

    private static void DeleteDirectory(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        // The server may still be closing its store files for a moment after the kill.
        for (var attempt = 0; attempt < 5 && Directory.Exists(directory); attempt++)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException) when (attempt < 4)
            {
                Thread.Sleep(50);
            }
            catch (UnauthorizedAccessException) when (attempt < 4)
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>The last lines of the server's output, bounded so a chatty server cannot grow memory.</summary>
    private sealed class StandardErrorTail(int capacity)
    {
        private readonly Queue<string> _lines = new(capacity);
        private readonly Lock _gate = new();

        public void Add(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                if (_lines.Count == capacity)
                {
                    _lines.Dequeue();
                }

                _lines.Enqueue(line);
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                var builder = new StringBuilder();
                foreach (var line in _lines)
                {
                    builder.AppendLine(line);
                }

                return builder.ToString();
            }
        }
    }

    /// <summary>
    /// Reads the server's start-up lines as they arrive: its client and monitoring ports and the moment it is ready.
    /// The lines of one stream arrive in order on one thread, and nats-server logs every listening port before
    /// "Server is ready", so once <see cref="Ready"/> has completed the ports are final.
    /// </summary>
    private sealed class StartupLog
    {
        // The exact phrases of nats-server 2.x (checked against 2.9.10).
        public const string ClientLine = "Listening for client connections on ";
        public const string MonitoringLine = "Starting http monitor on ";
        public const string ReadyLine = "Server is ready";

        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _clientPort;
        private int _monitoringPort;

        public Task Ready => _ready.Task;

        public int ClientPort => Volatile.Read(ref _clientPort);

        public int MonitoringPort => Volatile.Read(ref _monitoringPort);

        public void Observe(string? line)
        {
            if (line is null || _ready.Task.IsCompleted)
            {
                return;
            }

            if (TryReadPort(line, ClientLine, out var clientPort))
            {
                Volatile.Write(ref _clientPort, clientPort);
            }
            else if (TryReadPort(line, MonitoringLine, out var monitoringPort))
            {
                Volatile.Write(ref _monitoringPort, monitoringPort);
            }
            else if (line.TrimEnd().EndsWith(ReadyLine, StringComparison.Ordinal))
            {
                _ready.TrySetResult();
            }
        }

        /// <summary>Reads PORT from a line "... {phrase}HOST:PORT" (HOST may be an IPv6 address in brackets).</summary>
        private static bool TryReadPort(string line, string phrase, out int port)
        {
            port = 0;
            var at = line.IndexOf(phrase, StringComparison.Ordinal);
            if (at < 0)
            {
                return false;
            }

            var endpoint = line.AsSpan(at + phrase.Length).Trim();
            var colon = endpoint.LastIndexOf(':');
            return colon >= 0
                && int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port)
                && port is > 0 and <= 65_535;
        }
    }
}
