using System.Globalization;
namespace ContactMetrics.Reporting;

/// <summary>
/// Writes a large table as CSV cell by cell into one character buffer: numbers formatted in place (no string or box per
/// cell), text quoted as RFC 4180 and neutralised as the CLI's CSV output is, lines ended with CRLF. Its output
/// is byte for byte what the CLI's table writer writes for the same cells (tested); for a command whose table has
/// hundreds of thousands of rows (<c>clv predict</c>), where building the boxed table and writing it cell by cell as
/// strings cost more than the model.
/// </summary>
internal sealed class SpanCsvWriter(TextWriter writer, bool raw)
{
    private readonly char[] _buffer = new char[1 << 16];
    private int _used;
    private bool _rowStarted;

    /// <summary>The header: the columns' snake_case names.</summary>
    public void Header(IEnumerable<FigureColumn> columns)
    {
        foreach (var column in columns)
        {
            Text(FigureText.SnakeCase(column.JsonName));
        }
        EndRow();
    }

    /// <summary>A text cell: a leading formula character neutralised unless raw, quoted when it holds a comma, quote or line break.</summary>
    public void Text(string text)
    {
        Separator();
        string cell = raw ? text : FigureText.NeutraliseFormula(text);
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            Append(cell);
            return;
        }
        Append("\"");
        Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal));
        Append("\"");
    }

    /// <summary>A whole number, as <see cref="FigureText.Plain"/> writes it.</summary>
    public void Number(int value)
    {
        Separator();
        Room(16);
        value.TryFormat(_buffer.AsSpan(_used), out int written, default, CultureInfo.InvariantCulture);
        _used += written;
    }

    /// <summary>A number in round-trip form, empty when not finite, as <see cref="FigureText.Plain"/> writes it.</summary>
    public void Number(double value)
    {
        Separator();
        if (!double.IsFinite(value))
        {
            return;
        }
        Room(32);
        value.TryFormat(_buffer.AsSpan(_used), out int written, "R", CultureInfo.InvariantCulture);
        _used += written;
    }

    /// <summary>
    /// An amount of money, as <see cref="FigureText.Plain"/> writes it (the amount alone, <c>decimal.ToString</c>'s digits:
    /// the scale's trailing zeros kept). An amount whose digits fit a <see cref="ulong"/> is written from its integer
    /// digits and scale, which takes half the time of the general formatting; others, and zero, go the general way.
    /// </summary>
    public void Number(decimal value)
    {
        Separator();
        Room(40);
        var target = _buffer.AsSpan(_used);
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        int scale = (bits[3] >> 16) & 0xFF;
        ulong digits = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] != 0 || digits == 0)
        {
            value.TryFormat(target, out int general, default, CultureInfo.InvariantCulture);
            _used += general;
            return;
        }
        int at = 0;
        if (bits[3] < 0)
        {
            target[at++] = '-';
        }
        // The digits, left-padded with zeros to at least scale + 1 of them, and the point before the last scale digits.
        Span<char> text = stackalloc char[32];
        digits.TryFormat(text, out int length, default, CultureInfo.InvariantCulture);
        int padded = Math.Max(length, scale + 1);
        int whole = padded - scale;
        for (int k = 0; k < padded; k++)
        {
            if (k == whole)
            {
                target[at++] = '.';
            }
            int source = k - (padded - length);
            target[at++] = source < 0 ? '0' : text[source];
        }
        _used += at;
    }

    /// <summary>Ends the row.</summary>
    public void EndRow()
    {
        Append("\r\n");
        _rowStarted = false;
    }

    /// <summary>Writes what is buffered.</summary>
    public void Flush()
    {
        writer.Write(_buffer, 0, _used);
        _used = 0;
        writer.Flush();
    }

    private void Separator()
    {
        if (_rowStarted)
        {
            Append(",");
        }
        _rowStarted = true;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (text.Length > _buffer.Length - _used)
        {
            writer.Write(_buffer, 0, _used);
            _used = 0;
            if (text.Length > _buffer.Length)
            {
                writer.Write(text);
                return;
            }
        }
        text.CopyTo(_buffer.AsSpan(_used));
        _used += text.Length;
    }

    private void Room(int chars)
    {
        if (_buffer.Length - _used < chars)
        {
            writer.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
