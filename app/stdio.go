package app

import (
	"context"
	"errors"
	"io"
	"log"
	"log/slog"
	"time"

	"github.com/mark3labs/mcp-go/server"
)

// stdioDrainWait bounds how long end of input waits for answers in flight.
const stdioDrainWait = time.Minute

// serveStdio serves MCP on stdin/stdout until stdin closes or ctx is
// cancelled (SIGINT/SIGTERM). stdout carries protocol messages only: every
// logger, including mcp-go's error logger, writes to stderr through logger.
func serveStdio(ctx context.Context, s *server.MCPServer, stdin io.Reader, stdout io.Writer, logger *slog.Logger) error {
	ss := server.NewStdioServer(s)
	ss.SetErrorLogger(log.New(errorLogLines{logger}, "", 0))
	logger.Info("serving MCP on stdio", "version", version())
	d := newStdioDrain()
	err := ss.Listen(ctx, newDrainReader(ctx, stdin, d, stdioDrainWait), newDrainWriter(stdout, d))
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, io.EOF) {
		logger.Debug("stdio session ended")
		return nil
	}
	return err
}
