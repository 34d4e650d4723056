using System.Text;

namespace PaymentSwitch.Cli;

/// <summary>
/// Where a command reads and writes: text streams for people, optional binary streams for MessagePack, and the clock.
/// <see cref="Program.Main"/> wires the process's own streams; tests pass string readers and writers.
/// </summary>
internal sealed class CliConsole
{
    public CliConsole(TextReader input, TextWriter output, TextWriter error, TimeProvider time, Stream? binaryInput = null, Stream? binaryOutput = null)
    {
        Input = input;
        Output = output;
        Error = error;
        Time = time;
        BinaryInput = binaryInput;
        BinaryOutput = binaryOutput;
    }

    /// <summary>Standard input as text (used when no binary input is available).</summary>
    public TextReader Input { get; }

    /// <summary>Standard output for text.</summary>
    public TextWriter Output { get; }

    /// <summary>Standard error: diagnostics and warnings.</summary>
    public TextWriter Error { get; }

    /// <summary>The clock examples are stamped with.</summary>
    public TimeProvider Time { get; }

    /// <summary>Standard input as bytes, when the host has it (a MessagePack file piped in).</summary>
    public Stream? BinaryInput { get; }

    /// <summary>Standard output as bytes, when the host has it (MessagePack written to a pipe).</summary>
    public Stream? BinaryOutput { get; }

    /// <summary>Reads all of standard input as bytes, refusing more than <paramref name="maxBytes"/>.</summary>
    public byte[]? ReadAllInput(int maxBytes)
    {
        if (BinaryInput is not null)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = BinaryInput.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }

        var text = new StringBuilder();
        var chars = new char[16 * 1024];
        int count;
        while ((count = Input.Read(chars, 0, chars.Length)) > 0)
        {
            if (text.Length + count > maxBytes)
            {
                return null;
            }

            text.Append(chars, 0, count);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
