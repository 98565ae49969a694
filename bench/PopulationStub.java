import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Population-database stub for the B1 benchmark (bench/run.sh).
 *
 * <p>Run with {@code java bench/PopulationStub.java <port>} (JDK only, no build). Every request
 * except {@code /admin/*} gets the same SOAP 1.1 lookup answer for citizen 040090000123, after a
 * delay that can be switched at run time so one gateway run covers both benchmark phases:
 * <ul>
 *   <li>{@code POST /admin/delay?ms=20} sets the answer delay (0 = answer at once);</li>
 *   <li>{@code GET /admin/delay} shows it;</li>
 *   <li>{@code GET /admin/stats} shows how many SOAP answers were sent (to check that the gateway
 *       really calls the agency on every verification, or that it does not call at all) and the
 *       most requests held at once ({@code max_in_flight}: received and not yet answered, the
 *       delay included; a request leaves the count as its answer starts, since the client cannot
 *       have it before that);</li>
 *   <li>{@code POST /admin/stats} starts both counts again from zero;</li>
 *   <li>{@code POST /admin/rate} starts counting arrivals per calendar second (off until then, so
 *       B1's hot path pays nothing), {@code GET /admin/rate} shows {@code received}, the first and
 *       last arrival ({@code first_ms}, {@code last_ms}) and the most arrivals in one second
 *       ({@code max_per_second}): the rate a caller really held, measured here.</li>
 * </ul>
 * The delay is a timer, not a sleeping thread: a delayed answer holds no thread and burns no CPU,
 * so any number of requests can wait at once.
 */
public final class PopulationStub {

    private static final byte[] ANSWER = ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soap:Body><TraCuuThongTinCongDanResponse xmlns=\"http://dancuquocgia.bca\">"
            + "<MaYeuCau>bench</MaYeuCau><TonTai>true</TonTai><CongDan>"
            + "<SoDinhDanh>040090000123</SoDinhDanh><HoVaTen>Nguyễn Văn An</HoVaTen>"
            + "<GioiTinh>NAM</GioiTinh><NgayThangNamSinh>19900517</NgayThangNamSinh>"
            + "<TrangThai>SONG</TrangThai></CongDan></TraCuuThongTinCongDanResponse>"
            + "</soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8);

    private static volatile long delayMs = 0;
    private static final LongAdder answered = new LongAdder();
    private static final AtomicInteger inFlight = new AtomicInteger();
    private static final AtomicInteger maxInFlight = new AtomicInteger();
    private static volatile boolean countingRate = false;
    private static final Map<Long, LongAdder> perSecond = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong firstMs = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong lastMs = new java.util.concurrent.atomic.AtomicLong();

    private final ScheduledExecutorService timer;

    private PopulationStub(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 18091;
        // Headers and body go out in separate writes: without TCP_NODELAY, Nagle plus the
        // client's delayed ACK can hold a keep-alive answer back by up to 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // Benchmark connections stay open for the whole run; don't let the server reap them.
        System.setProperty("sun.net.httpserver.idleInterval", "600");
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1024");

        // Handlers never block (the delay is a timer), so a few threads serve any concurrency;
        // 64 leaves room if a writer ever stalls on a slow reader.
        ExecutorService workers = Executors.newFixedThreadPool(64, daemon("stub-worker"));
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("stub-timer"));
        PopulationStub stub = new PopulationStub(timer);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(workers);
        server.createContext("/admin/delay", stub::delay);
        server.createContext("/admin/stats", stub::stats);
        server.createContext("/admin/rate", stub::rate);
        server.createContext("/", stub::soap);
        server.start();
        System.out.println("population stub listening on 127.0.0.1:" + port);
    }

    /** The SOAP answer, now or after the current delay. */
    private void soap(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            // Drain the request so the connection can carry the next one (keep-alive).
            body.transferTo(OutputStream.nullOutputStream());
        }
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        if (countingRate) {
            long ms = System.currentTimeMillis();
            firstMs.compareAndSet(0, ms);
            lastMs.accumulateAndGet(ms, Math::max);
            perSecond.computeIfAbsent(ms / 1000, k -> new LongAdder()).increment();
        }
        long delay = delayMs;
        if (delay <= 0) {
            sendSoap(exchange);
        } else {
            timer.schedule(() -> sendSoap(exchange), delay, TimeUnit.MILLISECONDS);
        }
    }

    private static void sendSoap(HttpExchange exchange) {
        inFlight.decrementAndGet();
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, ANSWER.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(ANSWER);
            }
            answered.increment();
        } catch (IOException e) {
            exchange.close(); // the client went away; nothing else to do
        }
    }

    /** POST /admin/delay?ms=N sets the delay; GET shows it. */
    private void delay(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        if ("POST".equals(exchange.getRequestMethod())) {
            String ms = queryParam(exchange.getRequestURI(), "ms");
            try {
                long value = Long.parseLong(ms == null ? "" : ms);
                if (value < 0) {
                    throw new NumberFormatException();
                }
                delayMs = value;
            } catch (NumberFormatException e) {
                sendText(exchange, 400, "usage: POST /admin/delay?ms=<non-negative integer>\n");
                return;
            }
        }
        sendText(exchange, 200, "delay_ms=" + delayMs + "\n");
    }

    /** GET /admin/stats: SOAP answers sent and the most requests held at once; POST starts both again. */
    private void stats(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        if ("POST".equals(exchange.getRequestMethod())) {
            answered.reset();
            maxInFlight.set(inFlight.get());
        }
        sendText(exchange, 200, "answered=" + answered.sum() + "\nmax_in_flight=" + maxInFlight.get() + "\n");
    }

    /** POST /admin/rate starts counting arrivals per second from zero; GET shows the counts. */
    private void rate(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        if ("POST".equals(exchange.getRequestMethod())) {
            countingRate = false;
            perSecond.clear();
            firstMs.set(0);
            lastMs.set(0);
            countingRate = true;
        }
        long received = perSecond.values().stream().mapToLong(LongAdder::sum).sum();
        long max = perSecond.values().stream().mapToLong(LongAdder::sum).max().orElse(0);
        sendText(exchange, 200, "received=" + received + "\nfirst_ms=" + firstMs.get() + "\nlast_ms=" + lastMs.get()
                + "\nmax_per_second=" + max + "\nper_second=" + perSecond.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).map(e -> Long.toString(e.getValue().sum()))
                .collect(java.util.stream.Collectors.joining(",")) + "\n");
    }

    private static String queryParam(URI uri, String name) {
        String query = uri.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return pair.substring(eq + 1);
            }
        }
        return null;
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
