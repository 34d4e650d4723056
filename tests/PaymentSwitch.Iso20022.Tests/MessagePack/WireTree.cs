using System.Buffers;
using MessagePack;

namespace PaymentSwitch.Iso20022.Tests.MessagePack;

/// <summary>
/// Payloads as plain MessagePack trees (arrays become <c>object?[]</c>), so tests can play an older or newer writer by
/// cutting or extending a record's array, and helpers to write raw MessagePack by hand.
/// </summary>
internal static class WireTree
{
    // Trusted test data only: the standard resolver reads any MessagePack into primitives and object arrays.
    private static readonly MessagePackSerializerOptions TreeOptions = MessagePackSerializerOptions.Standard;

    public static object?[] Parse(byte[] payload) =>
        (object?[])MessagePackSerializer.Deserialize<object>(payload, TreeOptions)!;

    public static byte[] Write(object? tree) => MessagePackSerializer.Serialize(tree, TreeOptions);

    /// <summary>The array at <paramref name="path"/> (positions from the frame down).</summary>
    public static object?[] At(object?[] tree, params int[] path)
    {
        var node = tree;
        foreach (var position in path)
        {
            node = (object?[])node[position]!;
        }

        return node;
    }

    /// <summary>Replaces the array at <paramref name="path"/> (not the root) with <paramref name="change"/>'s result.</summary>
    public static void Replace(object?[] tree, int[] path, Func<object?[], object?[]> change)
    {
        var parent = At(tree, path[..^1]);
        parent[path[^1]] = change((object?[])parent[path[^1]]!);
    }

    /// <summary>Writes raw MessagePack with a callback, for payloads no serializer would produce.</summary>
    public static byte[] Raw(WriteAction write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public delegate void WriteAction(ref MessagePackWriter writer);
}
