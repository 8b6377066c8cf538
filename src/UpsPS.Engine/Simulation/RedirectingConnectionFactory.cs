using UpsPS.Engine.Monitor;

namespace UpsPS.Engine.Simulation
{
    /// <summary>Sends every MONITOR system, whatever its host part, to one server (the simulation's).</summary>
    public sealed class RedirectingConnectionFactory : IUpsConnectionFactory
    {
        private readonly IUpsConnectionFactory _inner;
        private readonly string _host;
        private readonly int _port;

        public RedirectingConnectionFactory(IUpsConnectionFactory inner, string host, int port)
        {
            _inner = inner;
            _host = host;
            _port = port;
        }

        public IUpsConnection Create(UpsSystemName system, MonitorConfig config) =>
            _inner.Create(UpsSystemName.Parse($"{system.UpsName}@{_host}:{_port}"), config);
    }
}
