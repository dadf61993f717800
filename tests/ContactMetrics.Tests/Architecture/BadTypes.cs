using System.Diagnostics;
using NodaTime;

// Deliberately bad types, never run: each architecture test first checks that its detector finds these, so a detector
// that silently stopped seeing a kind of reference fails instead of passing.
namespace ContactMetrics.Tests.Architecture.Bad.Layers.Clv
{
    public sealed class ClvModel
    {
        public int Value => 1;
    }
}

namespace ContactMetrics.Tests.Architecture.Bad.Layers.Tables
{
    public sealed class Table
    {
        public int Rows => 0;
    }
}

namespace ContactMetrics.Tests.Architecture.Bad.Layers.Domain
{
    /// <summary>Domain referencing Tables in a signature.</summary>
    public sealed class RecordWithTable
    {
        public Tables.Table? Table { get; init; }
    }
}

namespace ContactMetrics.Tests.Architecture.Bad.Layers.Tables.Columns
{
    /// <summary>A sub-namespace of Tables referencing a calculator from a method body only.</summary>
    public static class ColumnUsesClv
    {
        public static int Value() => new Clv.ClvModel().Value;
    }
}

namespace ContactMetrics.Tests.Architecture.Bad.Layers.Kpis
{
    /// <summary>A calculator referencing another calculator only inside a method body.</summary>
    public static class UsesClvInBody
    {
        public static int Value()
        {
            var model = new Clv.ClvModel();
            return model.Value;
        }
    }

    /// <summary>A calculator referencing another calculator only inside a lambda (a compiler-generated nested type).</summary>
    public static class UsesClvInLambda
    {
        public static Func<int> Value() => () => new Clv.ClvModel().Value;
    }

    /// <summary>Allowed: a calculator using Tables.</summary>
    public static class UsesTables
    {
        public static int Rows(Tables.Table table) => table.Rows;
    }
}

namespace ContactMetrics.Tests.Architecture.Bad.Layers.Valuation
{
    /// <summary>Allowed: Valuation composes calculators.</summary>
    public static class Composes
    {
        public static int Sum() => new Clv.ClvModel().Value + Kpis.UsesClvInBody.Value();
    }
}

namespace ContactMetrics.Tests.Architecture.Bad.Layers.Reporting
{
    /// <summary>A folder that is not a layer of DESIGN.md.</summary>
    public static class NotALayer
    {
        public static int Zero() => 0;
    }
}

namespace ContactMetrics.Tests.Architecture.Bad.Impure
{
    public static class ReadsTheClock
    {
        public static DateTime Now() => DateTime.Now;

        public static DateTimeOffset UtcNow() => DateTimeOffset.UtcNow;
    }

    public static class ReadsTheNodaTimeSystemClock
    {
        public static Instant Now() => SystemClock.Instance.GetCurrentInstant();
    }

    public static class TimesWithAStopwatch
    {
        public static long Ticks() => Stopwatch.GetTimestamp();
    }

    public static class UsesTheSharedRandom
    {
        public static int Next() => Random.Shared.Next();
    }

    public static class SeedsRandomFromTheClock
    {
        public static Random Create() => new();
    }

    public static class ReadsAFile
    {
        public static string Read(string path) => File.ReadAllText(path);
    }

    public static class OpensAReaderOnAPath
    {
        public static StreamReader Open(string path) => new(path);
    }

    public static class WritesToTheConsole
    {
        public static void Say() => Console.WriteLine("hello");
    }

    /// <summary>Allowed: a seeded generator and a reader on a stream the caller opened.</summary>
    public static class Pure
    {
        public static Random Create(int seed) => new(seed);

        public static StreamReader Open(Stream stream) => new(stream);

        public static Instant Now(IClock clock) => clock.GetCurrentInstant();
    }
}

namespace ContactMetrics.Tests.Architecture.Bad.Mutable
{
    public sealed class PublicField
    {
        public int Count;
    }

    public sealed class PublicSetter
    {
        public int Count { get; set; }
    }

    public sealed class PrivateMutableField
    {
        private int _count;

        public int Next() => ++_count;
    }

    public static class MutableStatic
    {
        private static int _calls;

        public static int Call() => ++_calls;
    }

    public record struct MutableRecordStruct(int Count);

    public class MutableBase
    {
        private int _count;

        public int Next() => ++_count;
    }

    public sealed class DerivedFromMutableBase : MutableBase;

    /// <summary>Allowed: init-only properties, positional records, readonly record structs, constants, readonly statics.</summary>
    public sealed class InitOnly
    {
        public const int Max = 3;

        private static readonly int[] Primes = [2, 3, 5];

        public int Count { get; init; }

        public int Prime => Primes[Count % Max];
    }

    public sealed record ImmutableRecord(int Count);

    public readonly record struct ImmutableValue(int Count);
}
