namespace ContactMetrics.Data.Reading;

/// <summary>
/// The keys of the rows a <see cref="TableReader{T}"/> has accepted, each with where its row is (the file of a folder or
/// glob, and the line or row), so that a repeated key is rejected naming the first.
/// </summary>
internal abstract class KeyIndex
{
    private const int RowBits = 40;

    /// <summary>Records <paramref name="key"/> at <paramref name="location"/> unless an earlier row has it.</summary>
    /// <param name="key">The row's key.</param>
    /// <param name="location">Where the row is (<see cref="Location"/>).</param>
    /// <param name="first">When the key was there already: where its first row is.</param>
    /// <returns>Whether the key is new.</returns>
    public abstract bool TryAdd(string key, long location, out long first);

    /// <summary>Part (file) and line or row number in one number.</summary>
    public static long Location(int part, long row) => ((long)part << RowBits) | row;

    /// <summary>The part and line or row number of a <see cref="Location"/>.</summary>
    public static (int Part, long Row) PartAndRow(long location) => ((int)(location >> RowBits), location & ((1L << RowBits) - 1));
}

/// <summary>The keys in a hash map, each with its location (no text per row).</summary>
internal sealed class DictionaryKeyIndex : KeyIndex
{
    private readonly Dictionary<string, long> _first = new(StringComparer.Ordinal);

    public override bool TryAdd(string key, long location, out long first)
    {
        if (_first.TryAdd(key, location))
        {
            first = 0;
            return true;
        }
        first = _first[key];
        return false;
    }
}
