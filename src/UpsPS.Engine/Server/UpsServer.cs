using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using UpsPS.Engine.Config;
using UpsPS.Engine.DriverSocket;
using UpsPS.Engine.Protocol;

namespace UpsPS.Engine.Server
{
    /// <summary>
    /// The NUT-compatible data server (upsd replacement): TCP listeners, one async session per client with
    /// strictly ordered replies, devices fed by driver channels, and a maintenance pass every ~2 s.
    /// </summary>
    public sealed class UpsServer : IAsyncDisposable
    {
        private const int ListenBacklog = 512;

        private const int ReadChunk = 512;
        private static readonly byte[] NoBytes = new byte[0];

        private readonly UpsServerOptions _options;
        private readonly CommandHandler _handler;
        private readonly List<Socket> _listeners = new List<Socket>();
        private readonly List<IPEndPoint> _bound = new List<IPEndPoint>();
        private readonly List<Task> _tasks = new List<Task>();
        private CancellationTokenSource? _cts;
        private SemaphoreSlim? _slots;

        public UpsServer(UpsdConfig config, UserTable users, IServerLog? log = null, UpsServerOptions? options = null)
        {
            _options = options ?? new UpsServerOptions();
            State = new ServerState(config, users, log, _options.Clock);
            if (_options.Version != null) State.Version = _options.Version;
            if (_options.ProjectUrl != null) State.ProjectUrl = _options.ProjectUrl;
            State.TlsAvailable = _options.TlsUpgrade != null;
            _handler = new CommandHandler(State);
        }

        public UpsServer(UpsdConfig config, UserTable users, Action<string> log, UpsServerOptions? options = null)
            : this(config, users, new DelegateServerLog(log), options) { }

        /// <summary>The shared state (devices, sessions, tables). Lock <see cref="ServerState.Gate"/> to touch it.</summary>
        public ServerState State { get; }

        public IReadOnlyList<IPEndPoint> BoundEndpoints { get { lock (State.Gate) return _bound.ToArray(); } }

        /// <summary>Adds a device (before or after start). Names are unique case-insensitively.</summary>
        public ServerDevice AddDevice(string name, string? description, IDriverConnector connector)
        {
            var device = new ServerDevice(State, name, description, connector);
            lock (State.Gate) State.AddDevice(device);
            if (_cts != null) _ = device.ConnectAsync(_cts.Token);
            return device;
        }

        /// <summary>Withdraws a device (like a reload without its ups.conf section): clients asking for it get
        /// UNKNOWN-UPS from then on. False when no such device exists.</summary>
        public bool RemoveDevice(string name)
        {
            ServerDevice? device;
            lock (State.Gate)
            {
                device = State.FindDevice(name);
                if (device == null || !State.RemoveDevice(device)) return false;
            }
            device.Disconnect();
            return true;
        }

        /// <summary>Replaces the user table (reload); already authenticated connections are re-checked at each command.</summary>
        public void ReplaceUsers(UserTable users)
        {
            lock (State.Gate) State.Users = users;
        }

        public Task StartAsync(CancellationToken cancellationToken = default)
        {
            if (_cts != null) throw new InvalidOperationException("already started");
            _cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var config = State.Config;
            State.Descriptions = DescriptionTable.Load(_options.DescriptionFiles
                ?? new[] { Path.Combine(config.DataPath, "cmdvartab"), "/usr/share/nut/cmdvartab" });
            if (State.Devices.Count == 0 && !config.AllowNoDevice)
                throw new InvalidOperationException("Fatal error: at least one UPS must be defined in ups.conf");

            OpenListeners(config);
            var reserved = _listeners.Count + State.Devices.Count;
            _slots = new SemaphoreSlim(Math.Max(1, config.MaxConn - reserved));

            foreach (var d in State.Devices) _ = d.ConnectAsync(_cts.Token);
            foreach (var l in _listeners) _tasks.Add(Task.Run(() => AcceptLoopAsync(l, _cts.Token)));
            _tasks.Add(Task.Run(() => MaintenanceLoopAsync(_cts.Token)));
            return Task.CompletedTask;
        }

        public async Task StopAsync()
        {
            if (_cts == null) return;
            _cts.Cancel();
            foreach (var l in _listeners) { try { l.Dispose(); } catch { } }
            List<Action> closers;
            lock (State.Gate) closers = State.Sessions.Select(s => s.Close).Where(c => c != null).Select(c => c!).ToList();
            foreach (var c in closers) c();
            foreach (var d in State.Devices) d.Disconnect();
            try { await Task.WhenAll(_tasks).ConfigureAwait(false); } catch { }
        }

        public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

        public IReadOnlyList<ServerDeviceInfo> GetDevices()
        {
            lock (State.Gate)
            {
                var now = State.Now;
                return State.Devices.Select(d => new ServerDeviceInfo
                {
                    Name = d.Name,
                    Description = d.Description,
                    Location = d.Location,
                    Connected = d.IsConnected,
                    Stale = d.IsConnected && d.IsStale(now),
                    DumpDone = d.DumpDone,
                    NumLogins = d.NumLogins,
                    ForcedShutdown = d.ForcedShutdown,
                    LastHeard = d.LastHeard,
                    Variables = d.Variables.Variables
                        .Select(v => new KeyValuePair<string, string>(v.Name,
                            string.Equals(v.Name, "ups.status", StringComparison.OrdinalIgnoreCase) ? d.StatusWithFsd() ?? v.Value : v.Value))
                        .ToArray(),
                    Commands = d.Variables.Commands.ToArray(),
                }).ToArray();
            }
        }

        public IReadOnlyList<ServerClientInfo> GetClients()
        {
            lock (State.Gate)
            {
                return State.Sessions.Select(s => new ServerClientInfo
                {
                    Id = s.Id,
                    Address = s.PeerAddress,
                    Username = s.Username,
                    LoggedInto = s.LoggedInto?.Name,
                    TrackingEnabled = s.TrackingEnabled,
                    IsTls = s.IsTls,
                    ConnectedAt = s.ConnectedAt,
                    LastHeard = s.LastHeard,
                }).ToArray();
            }
        }

        /// <summary>One maintenance pass (normally run by the loop): tracking purge, reconnects, staleness/PING, idle clients.</summary>
        public void RunMaintenancePass()
        {
            var reconnect = new List<ServerDevice>();
            var close = new List<Action>();
            lock (State.Gate)
            {
                var now = State.Now;
                State.Tracking.Purge(now, State.Config.TrackingDelay);
                foreach (var d in State.Devices)
                    if (d.Maintain(now)) reconnect.Add(d);
                foreach (var s in State.Sessions)
                    if (now - s.LastHeard > _options.IdleTimeout && s.Close != null) close.Add(s.Close);
            }
            var token = _cts?.Token ?? CancellationToken.None;
            foreach (var d in reconnect) _ = d.ConnectAsync(token);
            foreach (var c in close) c();
        }

        private async Task MaintenanceLoopAsync(CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try { await Task.Delay(_options.LoopInterval, ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                try { RunMaintenancePass(); }
                catch (Exception ex) { State.Log.Write(ServerLogLevel.Error, "maintenance pass failed: " + ex.Message); }
            }
        }

        // ---- listeners ----------------------------------------------------------------------------------

        private void OpenListeners(UpsdConfig config)
        {
            var failed = new List<ListenAddress>();
            foreach (var listen in config.EffectiveListeners)
            {
                var addresses = Resolve(listen.Address);
                var any = false;
                foreach (var address in addresses)
                {
                    try
                    {
                        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                        if (listen.Port != 0) AllowRebindAfterRestart(socket);
                        if (address.AddressFamily == AddressFamily.InterNetworkV6) socket.DualMode = false;
                        socket.Bind(new IPEndPoint(address, listen.Port));
                        // upsd uses 16; a burst of thousands of connects (the soak in bench/) overflows that, and the
                        // kernel caps the value anyway, so ask for more.
                        socket.Listen(ListenBacklog);
                        _listeners.Add(socket);
                        var ep = (IPEndPoint)socket.LocalEndPoint!;
                        lock (State.Gate) _bound.Add(ep);
                        State.Log.Write(ServerLogLevel.Info, $"listening on {address} port {ep.Port}");
                        any = true;
                        if (listen.Address != "*") break;
                    }
                    catch (SocketException)
                    {
                        if (listen.Address != "*") continue;
                    }
                }
                if (!any)
                {
                    State.Log.Write(ServerLogLevel.Warning, $"not listening on {listen.Address} port {listen.Port}");
                    failed.Add(listen);
                }
            }
            if (_listeners.Count == 0) throw new IOException("no listening interface available");
            if (failed.Count > 0 && !config.AllowNotAllListeners && !failed.All(f => IsLocalhost(f.Address)))
                throw new IOException("Fatal error: some listening interfaces were not available");
        }

        // upsd sets SO_REUSEADDR so a restart can bind while old connections sit in TIME_WAIT. .NET's ReuseAddress
        // option also sets SO_REUSEPORT on Unix, which would let two servers share a port, so on Unix the plain
        // SO_REUSEADDR is set through SetRawSocketOption (available at run time on .NET Core 3+).
        private static void AllowRebindAfterRestart(Socket socket)
        {
            if (Path.DirectorySeparatorChar == '\\')
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                return;
            }
            var raw = typeof(Socket).GetMethod("SetRawSocketOption", new[] { typeof(int), typeof(int), typeof(ReadOnlySpan<byte>) });
            if (raw == null) return;
            const int SolSocket = 1, SoReuseAddr = 2; // Linux values
            if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux)) return;
            try
            {
                var value = BitConverter.GetBytes(1);
                var del = (RawOption)Delegate.CreateDelegate(typeof(RawOption), socket, raw);
                del(SolSocket, SoReuseAddr, value);
            }
            catch (Exception) { /* best effort */ }
        }

        private delegate void RawOption(int level, int name, ReadOnlySpan<byte> value);

        private static IReadOnlyList<IPAddress> Resolve(string address)
        {
            if (address == "*") return new[] { IPAddress.IPv6Any, IPAddress.Any };
            if (IPAddress.TryParse(address, out var ip)) return new[] { ip };
            try { return Dns.GetHostAddresses(address); }
            catch (SocketException) { return Array.Empty<IPAddress>(); }
        }

        private static bool IsLocalhost(string address) =>
            address == "localhost" || address == "127.0.0.1" || address == "::1";

        private async Task AcceptLoopAsync(Socket listener, CancellationToken ct)
        {
            while (!ct.IsCancellationRequested)
            {
                try { await _slots!.WaitAsync(ct).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
                Socket client;
                try { client = await listener.AcceptAsync().ConfigureAwait(false); }
                catch (Exception) when (ct.IsCancellationRequested) { _slots.Release(); return; }
                catch (ObjectDisposedException) { _slots.Release(); return; }
                catch (SocketException) { _slots.Release(); continue; }
                var task = Task.Run(() => RunSessionAsync(client, ct));
                lock (_tasks) { _tasks.RemoveAll(t => t.IsCompleted); }
            }
        }

        // ---- sessions -----------------------------------------------------------------------------------

        private async Task RunSessionAsync(Socket socket, CancellationToken ct)
        {
            // Replies are small and each answers a request: send them at once rather than waiting for an ACK.
            try { socket.NoDelay = true; } catch (SocketException) { }
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            var remote = socket.RemoteEndPoint as IPEndPoint;
            var peer = remote != null ? PeerText(remote.Address) : "unknown";
            var exempt = remote != null && IPAddress.IsLoopback(remote.Address) && !_options.LimitLoopbackConnections;
            ClientSession session;
            lock (State.Gate)
            {
                var limit = exempt ? 0 : _options.MaxConnectionsPerAddress;
                if (limit > 0 && State.Sessions.Count(s => s.PeerAddress == peer) >= limit)
                {
                    State.Log.Write(ServerLogLevel.Warning, $"Rejecting connection from {peer}: {limit} connections from this address already open");
                    stream.Dispose();
                    socket.Dispose();
                    _slots?.Release();
                    return;
                }
                session = new ClientSession(peer, State.Now);
                State.AddSession(session);
            }
            var closed = 0;
            void Close()
            {
                if (Interlocked.Exchange(ref closed, 1) != 0) return;
                try { stream.Dispose(); } catch { }
                try { socket.Dispose(); } catch { }
            }
            session.Close = Close;
            var replies = new ReplyWriter();
            try
            {
                var tokenizer = new NutTokenizer();
                var lines = new List<TokenizedLine>();
                Action<TokenizedLine> addLine = lines.Add;
                while (!ct.IsCancellationRequested)
                {
                    // Wait for data with a zero-byte read so an idle connection holds no read buffer; a stream that
                    // does not support that simply returns 0 here and the real read below waits instead.
                    await stream.ReadAsync(NoBytes, 0, 0, ct).ConfigureAwait(false);
                    var buffer = ArrayPool<byte>.Shared.Rent(ReadChunk);
                    int n;
                    try
                    {
                        n = await stream.ReadAsync(buffer, 0, ReadChunk, ct).ConfigureAwait(false);
                        if (n == 0) break;
                        lines.Clear();
                        tokenizer.Feed(new ReadOnlySpan<byte>(buffer, 0, n), addLine);
                    }
                    finally { ArrayPool<byte>.Shared.Return(buffer); }

                    // All replies to the lines of one read go out in one write (pipelined clients, one syscall).
                    var stop = false;
                    foreach (var line in lines)
                    {
                        if (line.Error != null)
                        {
                            // upsd drops the rest of the read chunk; we drop only this line, but never reply to it.
                            State.Log.Write(ServerLogLevel.Warning, $"Parse error on sock: {line.Error}");
                            continue;
                        }
                        CommandReply reply;
                        lock (State.Gate)
                        {
                            session.LastHeard = State.Now;
                            reply = _handler.Handle(session, line.Words);
                        }
                        // A throttled login answer waits (LoginThrottle); everyone else's delay is zero.
                        if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, ct).ConfigureAwait(false);
                        replies.Append(reply.Text);
                        if (reply.CloseAfter)
                        {
                            await replies.FlushAsync(stream, ct).ConfigureAwait(false);
                            return;
                        }
                        if (reply.StartTls && _options.TlsUpgrade != null)
                        {
                            await replies.FlushAsync(stream, ct).ConfigureAwait(false);
                            try
                            {
                                stream = await _options.TlsUpgrade(stream, ct).ConfigureAwait(false);
                            }
                            catch (Exception ex) when (!(ex is OperationCanceledException))
                            {
                                // Only this connection is affected; the reason (client certificate, protocol) goes to the log.
                                State.Log.Write(ServerLogLevel.Warning, $"TLS handshake with {peer} failed: {ex.Message}");
                                return;
                            }
                            lock (State.Gate) session.IsTls = true;
                            tokenizer = new NutTokenizer();
                            stop = true;
                            break; // bytes that followed STARTTLS in the same chunk were plaintext: not valid any more
                        }
                    }
                    if (!stop) await replies.FlushAsync(stream, ct).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                // client went away or was closed by the maintenance pass
            }
            catch (Exception ex)
            {
                State.Log.Write(ServerLogLevel.Error, $"client {peer}: {ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                replies.Dispose();
                lock (State.Gate) State.RemoveSession(session);
                Close();
                _slots?.Release();
            }
        }

        private static string PeerText(IPAddress address)
        {
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            if (address.AddressFamily == AddressFamily.InterNetworkV6) address.ScopeId = 0;
            return address.ToString();
        }
    }
}
