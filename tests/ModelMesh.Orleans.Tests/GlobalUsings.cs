global using Google.Protobuf;
global using Orleans;
