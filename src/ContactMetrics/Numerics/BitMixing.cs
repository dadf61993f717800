namespace ContactMetrics.Numerics;

/// <summary>Hashing of 64-bit keys that mixes all their bits, for hash tables keyed by packed pairs.</summary>
internal static class BitMixing
{
    /// <summary>
    /// The finalizer of MurmurHash3 (Appleby 2011): keys that differ in a few low bits of either half land far apart, where
    /// .NET's default <see cref="long"/> hash (the halves XORed) puts consecutive packed pairs in a handful of buckets.
    /// </summary>
    public static ulong Mix64(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }
}
