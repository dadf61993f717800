using ContactMetrics.Domain;
using NodaTime;

namespace ContactMetrics.Data.Tests;

/// <summary>Readers stream: the first record arrives long before the whole file has been read.</summary>
public sealed class StreamingTests
{
    private static IEnumerable<Interaction> ManyInteractions(int count)
    {
        var t0 = Instant.FromUtc(2025, 3, 1, 0, 0);
        for (int i = 0; i < count; i++)
        {
            yield return new Interaction(new InteractionId($"interaction-{i:D8}"), new CustomerId($"customer-{i % 9973}"), Channel.Phone,
                t0 + Duration.FromSeconds(i), t0 + Duration.FromSeconds(i + 300), queue: "a fairly long queue name to make rows wide",
                answeredAt: t0 + Duration.FromSeconds(i + 20), talk: Duration.FromSeconds(250));
        }
    }

    [Theory]
    [InlineData(TableFormat.Csv)]
    [InlineData(TableFormat.Parquet)]
    public void OpenInteractions_FirstRecord_ReadsOnlyPartOfTheInput(TableFormat format)
    {
        using var data = new MemoryStream();
        Tables.WriteInteractions(data, format, ManyInteractions(50_000), new TableWriteOptions { RowGroupSize = 5_000 });
        data.Position = 0;
        using var counting = new CountingStream(data);

        using var reader = Tables.OpenInteractions(counting, format, "big", null);
        using var records = reader.GetEnumerator();
        records.MoveNext().Should().BeTrue();

        records.Current.Id.Value.Should().Be("interaction-00000000");
        counting.BytesRead.Should().BeLessThan(data.Length / 4, $"the file has {data.Length} bytes");
    }

    [Fact]
    public void Open_ByRowType_ReadsAsThatTablesOpenMethod()
    {
        using var data = new MemoryStream();
        Tables.WriteInteractions(data, TableFormat.Csv, ManyInteractions(10), null);

        data.Position = 0;
        var generic = Tables.Open<Interaction>(data, TableFormat.Csv, "stdin", null).ToList();
        data.Position = 0;
        var typed = Tables.OpenInteractions(data, TableFormat.Csv, "stdin", null).ToList();

        generic.Should().HaveCount(10).And.BeEquivalentTo(typed, o => o.WithStrictOrdering());
        var act = () => Tables.Open<string>(data, TableFormat.Csv, "stdin", null);
        act.Should().Throw<ArgumentException>().WithMessage("String is not the row of a table*");
    }

    [Fact]
    public void Read_WithProgress_ReportsEvery65536RowsAndTheTotal()
    {
        // 150,000 rows: reports at 65,536 and 131,072 rows and the last at 150,000 (hand: multiples of 2^16 below 150,000).
        using var data = new MemoryStream();
        Tables.WriteInteractions(data, TableFormat.Csv, ManyInteractions(150_000), null);
        data.Position = 0;
        var reports = new List<long>();
        var options = new TableReadOptions { Progress = new Synchronous(reports.Add) };

        using var reader = Tables.OpenInteractions(data, TableFormat.Csv, "big", options);
        reader.Count().Should().Be(150_000);

        reports.Should().Equal(65_536L, 131_072L, 150_000L);
    }

    [Fact]
    public void Read_CancelledToken_ThrowsOperationCanceled()
    {
        using var data = new MemoryStream();
        Tables.WriteInteractions(data, TableFormat.Csv, ManyInteractions(10), null);
        data.Position = 0;
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        using var reader = Tables.OpenInteractions(data, TableFormat.Csv, "small", new TableReadOptions { CancellationToken = cancel.Token });
        FluentActions.Invoking(() => reader.ToList()).Should().Throw<OperationCanceledException>();
    }

    private sealed class Synchronous(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
