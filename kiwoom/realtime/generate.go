package realtime

//go:generate go run ../../cmd/kiwoomgen -specs ../../specs -out ..
