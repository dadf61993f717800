using ContactMetrics.Domain;

namespace ContactMetrics.Tables;

/// <summary>
/// Finds repeat contacts: orders the rows by customer (a counting sort, O(n)) and by arrival within
/// each customer, then scans each customer's contacts forward through the window. Never pairwise
/// over the whole table: the cost is O(n + Σ contacts within a window of each other).
/// </summary>
/// <remarks>
/// An <i>eligible</i> contact is handled (answered on an agent channel), inbound, with an identified
/// customer. It is <i>followed by a repeat</i> when a later inbound agent-channel contact of the same
/// customer (answered or not) arrives within the window — on the same reason if asked (an unknown
/// reason matches nothing), on the same channel if asked. An eligible contact that follows an earlier
/// eligible one in that way <i>is a repeat</i>. Contacts that arrive at the same instant keep the
/// table's row order.
/// </remarks>
internal static class RepeatContactDetector
{
    public const byte Eligible = 1, FollowedByRepeat = 2, IsRepeat = 4;

    public static byte[] Detect(InteractionTable table, RepeatContactOptions options, int maxDegreeOfParallelism)
    {
        int n = table.Count;
        var flags = new byte[n];
        var channel = table.Channel;
        var answered = table.Answered;
        var inScope = new bool[n];
        for (int i = 0; i < n; i++)
        {
            bool candidate = IsInScope(table, i);
            inScope[i] = candidate;
            if (candidate && answered[i])
            {
                flags[i] = Eligible;
            }
        }

        var order = OrderByCustomer(table, inScope, out var start);

        long window = (long)options.Window.TotalMilliseconds;
        var arrived = table.ArrivedMs;
        var reason = table.Reason;
        bool sameReason = options.SameReason;
        bool sameChannel = options.Scope == RepeatChannelScope.SameChannel;
        ForEachCustomer(order, start, arrived, maxDegreeOfParallelism, rows =>
        {
            for (int a = 0; a < rows.Length; a++)
            {
                int i = rows[a];
                if ((flags[i] & Eligible) == 0)
                {
                    continue;
                }
                for (int b = a + 1; b < rows.Length; b++)
                {
                    int j = rows[b];
                    if (arrived[j] - arrived[i] > window)
                    {
                        break;
                    }
                    if (sameReason && (reason[i] < 0 || reason[j] != reason[i]))
                    {
                        continue;
                    }
                    if (sameChannel && channel[j] != channel[i])
                    {
                        continue;
                    }
                    flags[i] |= FollowedByRepeat;
                    if ((flags[j] & Eligible) != 0)
                    {
                        flags[j] |= IsRepeat;
                    }
                }
            }
        });
        return flags;
    }

    /// <summary>
    /// The repeat chain of every row: the row index of the first contact of the chain the row belongs
    /// to (the row itself when it starts one). A row that repeats an earlier eligible contact under
    /// <paramref name="options"/> (exactly when <see cref="Detect"/> would count it, eligible or not)
    /// joins the chain of the latest such contact, so a chain is an earlier contact and every repeat
    /// that followed it, link by link. Rows out of scope (outbound, self-service, bot, IVR, no customer)
    /// and rows that repeat nothing start a chain of their own.
    /// </summary>
    public static int[] Chains(InteractionTable table, RepeatContactOptions options, int maxDegreeOfParallelism)
    {
        int n = table.Count;
        var root = new int[n];
        var inScope = new bool[n];
        var eligible = new bool[n];
        for (int i = 0; i < n; i++)
        {
            root[i] = i;
            inScope[i] = IsInScope(table, i);
            eligible[i] = inScope[i] && table.Answered[i];
        }
        var order = OrderByCustomer(table, inScope, out var start);
        long window = (long)options.Window.TotalMilliseconds;
        var arrived = table.ArrivedMs;
        var reason = table.Reason;
        var channel = table.Channel;
        bool sameReason = options.SameReason;
        bool sameChannel = options.Scope == RepeatChannelScope.SameChannel;
        ForEachCustomer(order, start, arrived, maxDegreeOfParallelism, rows =>
        {
            for (int b = 1; b < rows.Length; b++)
            {
                int j = rows[b];
                for (int a = b - 1; a >= 0; a--)
                {
                    int i = rows[a];
                    if (arrived[j] - arrived[i] > window)
                    {
                        break;
                    }
                    if (!eligible[i] || (sameReason && (reason[i] < 0 || reason[j] != reason[i])) || (sameChannel && channel[j] != channel[i]))
                    {
                        continue;
                    }
                    root[j] = root[i];
                    break;
                }
            }
        });
        return root;
    }

    private delegate void CustomerRows(Span<int> rows);

    /// <summary>Runs <paramref name="body"/> on each customer's in-scope rows, sorted by arrival; customers split into contiguous ranges between workers.</summary>
    private static void ForEachCustomer(int[] order, int[] start, long[] arrived, int maxDegreeOfParallelism, CustomerRows body)
    {
        int customers = start.Length - 1;
        int parts = Math.Max(1, maxDegreeOfParallelism);
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            int from = (int)((long)customers * part / parts), to = (int)((long)customers * (part + 1) / parts);
            for (int c = from; c < to; c++)
            {
                var rows = order.AsSpan(start[c], start[c + 1] - start[c]);
                SortByArrival(rows, arrived);
                body(rows);
            }
        });
    }

    private static bool IsInScope(InteractionTable table, int i) =>
        table.Customer[i] >= 0 && table.Direction[i] == (byte)Direction.Inbound && ((Channel)table.Channel[i]).IsAgentHandled();

    /// <summary>A stable counting sort of the in-scope rows by customer: customer c's rows are <c>order[start[c]..start[c + 1]]</c>, in row order.</summary>
    internal static int[] OrderByCustomer(InteractionTable table, bool[] inScope, out int[] start)
    {
        int n = table.Count;
        var customer = table.Customer;
        int customers = table.Customers.Count;
        start = new int[customers + 1];
        for (int i = 0; i < n; i++)
        {
            if (inScope[i])
            {
                start[customer[i] + 1]++;
            }
        }
        for (int c = 0; c < customers; c++)
        {
            start[c + 1] += start[c];
        }
        var order = new int[start[customers]];
        var next = start[..customers];
        for (int i = 0; i < n; i++)
        {
            if (inScope[i])
            {
                order[next[customer[i]]++] = i;
            }
        }
        return order;
    }

    /// <summary>Sorts row indices by arrival, ties by row index (a stable order).</summary>
    internal static void SortByArrival(Span<int> rows, long[] arrived)
    {
        if (rows.Length <= 24)
        {
            for (int a = 1; a < rows.Length; a++)
            {
                int row = rows[a];
                long t = arrived[row];
                int b = a - 1;
                while (b >= 0 && arrived[rows[b]] > t)
                {
                    rows[b + 1] = rows[b];
                    b--;
                }
                rows[b + 1] = row;
            }
            return;
        }
        rows.Sort((x, y) =>
        {
            int c = arrived[x].CompareTo(arrived[y]);
            return c != 0 ? c : x.CompareTo(y);
        });
    }
}
