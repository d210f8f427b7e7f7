package live

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/redis/go-redis/v9"

	"github.com/freshdesk-mcp/freshdesk-mcp/webhook"
)

// RedisBus fans events out to every replica through Redis pub/sub: each
// replica subscribes to one channel per Freshdesk account and delivers
// every message it receives once; the publisher receives its own message
// like the others, so it does not deliver locally as well.
type RedisBus struct {
	rdb     *redis.Client
	ps      *redis.PubSub
	channel string
	done    chan struct{}
}

// NewRedisBus connects to rawURL (its own connection: a subscribed
// connection can do nothing else), subscribes to channel and calls deliver
// for every event published there, until Close.
func NewRedisBus(ctx context.Context, rawURL, channel string, deliver func(webhook.Event), logger *slog.Logger) (*RedisBus, error) {
	opts, err := redis.ParseURL(rawURL)
	if err != nil {
		return nil, fmt.Errorf("live updates: the Redis URL does not parse") // no URL: it may hold a password
	}
	rdb := redis.NewClient(opts)
	ps := rdb.Subscribe(ctx, channel)
	// Wait for the subscription, so no event published after start is missed.
	if _, err := ps.Receive(ctx); err != nil {
		_ = ps.Close()
		_ = rdb.Close()
		return nil, fmt.Errorf("live updates: subscribing to Redis: %w", err)
	}
	b := &RedisBus{rdb: rdb, ps: ps, channel: channel, done: make(chan struct{})}
	go func() {
		defer close(b.done)
		// Channel reconnects and resubscribes after a Redis outage; events
		// published meanwhile are lost (pub/sub keeps nothing).
		for msg := range ps.Channel() {
			var ev webhook.Event
			if err := json.Unmarshal([]byte(msg.Payload), &ev); err != nil || ev.TicketID <= 0 {
				logger.Warn("ignoring a malformed live-update message from Redis", "channel", channel)
				continue
			}
			deliver(ev)
		}
	}()
	return b, nil
}

// Publish sends ev to every replica, this one included.
func (b *RedisBus) Publish(ctx context.Context, ev webhook.Event) error {
	data, err := json.Marshal(ev)
	if err != nil {
		return fmt.Errorf("live updates: %w", err)
	}
	if err := b.rdb.Publish(ctx, b.channel, data).Err(); err != nil {
		return fmt.Errorf("live updates: publishing to Redis: %w", err)
	}
	return nil
}

// Close unsubscribes and closes the connection.
func (b *RedisBus) Close() error {
	err := b.ps.Close()
	<-b.done
	if cerr := b.rdb.Close(); err == nil {
		err = cerr
	}
	return err
}
