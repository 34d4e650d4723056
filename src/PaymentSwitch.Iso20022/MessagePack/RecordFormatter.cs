using MessagePack;
using MessagePack.Formatters;

namespace PaymentSwitch.Iso20022.MessagePack;

/// <summary>
/// The frame every record formatter shares (docs/wire-format.md): nil for a null record, otherwise an array of exactly
/// <see cref="FieldNames"/>.Length positions. A reader takes a shorter array's missing positions as nil, skips the
/// positions a newer writer appended, and names the position that failed in the error path.
/// </summary>
/// <remarks>
/// A derived formatter says only what differs per record: its positions (<see cref="FieldNames"/>, the static
/// <c>Fields</c> array that the layout tests read) and how each position is written and read. The nil check, array
/// header, depth accounting, trailing-field skip and error path live here once. Nothing here allocates or boxes, so
/// writing stays allocation-free; the extra cost per record is one virtual call each way.
/// </remarks>
/// <typeparam name="T">The model record.</typeparam>
internal abstract class RecordFormatter<T> : IMessagePackFormatter<T?>
    where T : class
{
    /// <summary>The field name of each array position, in wire order.</summary>
    protected abstract string[] FieldNames { get; }

    /// <inheritdoc/>
    public void Serialize(ref MessagePackWriter writer, T? value, MessagePackSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(FieldNames.Length);
        WriteFields(ref writer, value, options);
    }

    /// <inheritdoc/>
    public T? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var fields = Wire.BeginRecord(ref reader, options);
        try
        {
            var result = ReadFields(ref reader, ref fields, options);
            Wire.EndRecord(ref reader, ref fields);
            return result;
        }
        catch (Exception ex) when (Wire.IsMalformed(ex))
        {
            // ReadFields moved the cursor by reference, so it names the position that failed.
            throw Wire.AtField(ex, FieldNames, fields.Current);
        }
    }

    /// <summary>Writes every position of <paramref name="value"/>, in wire order, after the array header.</summary>
    protected abstract void WriteFields(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options);

    /// <summary>
    /// Reads the positions this reader knows, each as <c>fields.Next() ? read : absent</c> so that a shorter array
    /// reads its missing positions as nil; the trailing positions and the end of the record are handled by the caller.
    /// </summary>
    protected abstract T ReadFields(ref MessagePackReader reader, ref FieldCursor fields, MessagePackSerializerOptions options);
}
