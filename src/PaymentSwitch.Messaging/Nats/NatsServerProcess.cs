using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PaymentSwitch.Messaging;

/// <summary>
/// A private nats-server child process on a free loopback port, for the CLI demo and the integration tests (the
/// way the NATS .NET client's own tests start <c>NatsServerExe</c>). Disposing it kills the server and deletes its
/// JetStream store.
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
    private const int PortAttempts = 3;

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
    /// Starts nats-server on a free loopback port and returns once it accepts TCP connections.
    /// </summary>
    /// <exception cref="FileNotFoundException">No nats-server binary (the message includes <see cref="InstallHint"/>).</exception>
    /// <exception cref="InvalidOperationException">The server exited or did not accept connections in time; the message includes its standard error.</exception>
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

        // The port is free when we look, but another process may take it before the server binds it; the server
        // then exits with "address already in use" and we try again with a new port.
        for (var attempt = 1; ; attempt++)
        {
            var started = await TryStartAsync(executable, options, cancellationToken).ConfigureAwait(false);
            if (started.Server is { } server)
            {
                return server;
            }

            if (attempt >= PortAttempts || !started.PortTaken)
            {
                throw new InvalidOperationException(started.Error);
            }
        }
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

    private static async Task<(NatsServerProcess? Server, bool PortTaken, string Error)> TryStartAsync(
        string executable,
        NatsServerProcessOptions options,
        CancellationToken cancellationToken)
    {
        var port = FindFreeLoopbackPort();
        int? monitoringPort = options.EnableMonitoring ? FindFreeLoopbackPort() : null;
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
        startInfo.ArgumentList.Add("-p");
        startInfo.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        if (storeDirectory is not null)
        {
            startInfo.ArgumentList.Add("-js");
            startInfo.ArgumentList.Add("-sd");
            startInfo.ArgumentList.Add(storeDirectory);
        }

        if (monitoringPort is { } m)
        {
            startInfo.ArgumentList.Add("-m");
            startInfo.ArgumentList.Add(m.ToString(CultureInfo.InvariantCulture));
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
        var process = new Process { StartInfo = startInfo };

        // nats-server logs to standard error; reading it continuously also keeps a full pipe from blocking the server.
        process.ErrorDataReceived += (_, line) => standardError.Add(line.Data);
        process.OutputDataReceived += (_, line) => standardError.Add(line.Data);
        try
        {
            process.Start();
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or IOException)
        {
            process.Dispose();
            DeleteDirectory(storeDirectory);
            return (null, false, $"Cannot start '{executable}': {exception.Message}");
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var failure = await WaitUntilAcceptingAsync(process, port, options.StartTimeout, cancellationToken).ConfigureAwait(false);
        if (failure is null)
        {
            return (new NatsServerProcess(process, standardError, port, monitoringPort, storeDirectory), false, string.Empty);
        }

        await StopAsync(process).ConfigureAwait(false);
        process.Dispose();
        DeleteDirectory(storeDirectory);
        var log = standardError.ToString();
        var portTaken = log.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
        return (null, portTaken, $"nats-server ({executable} -p {port}) {failure}. Its standard error:{Environment.NewLine}{log}");
    }

    /// <summary>Null once the server accepts a TCP connection; otherwise why it never did.</summary>
    private static async Task<string?> WaitUntilAcceptingAsync(Process process, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (process.HasExited)
            {
                return $"exited with code {process.ExitCode} before accepting connections";
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, deadline.Token).ConfigureAwait(false);
                return null;
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"did not accept connections within {timeout.Ticks / TimeSpan.TicksPerMillisecond} ms";
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return $"did not accept connections within {timeout.Ticks / TimeSpan.TicksPerMillisecond} ms";
            }
        }
    }

    private static int FindFreeLoopbackPort()
    {
        // Port 0 asks the kernel for a free ephemeral port; we read it and release it for the server to bind.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
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
}
