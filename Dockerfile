# The one `modelmesh` image (every role: dev, silo, frontdoor, controller, client verbs).
#   docker build -t modelmesh .                                  # CPU (ONNX Runtime's CPU package)
#   docker build --build-arg GPU=true -t modelmesh:latest-gpu .  # CUDA (-p:ModelMeshGpu=true)
# The GPU flavour needs the CUDA 13 + cuDNN runtime libraries in the image (RUNTIME_IMAGE with them) and nvidia.com/gpu on the pod.
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG GPU=false
WORKDIR /src
COPY . .
RUN dotnet publish src/ModelMesh.Host/ModelMesh.Host.csproj -c Release -p:ModelMeshGpu=${GPU} -o /app

FROM ${RUNTIME_IMAGE}
WORKDIR /app
COPY --from=build /app .
RUN groupadd --system --gid 10001 modelmesh \
 && useradd --system --uid 10001 --gid modelmesh --create-home --home-dir /home/modelmesh modelmesh
USER 10001
ENV HOME=/home/modelmesh
EXPOSE 8033 8008 2112
ENTRYPOINT ["/app/modelmesh"]
CMD ["--help"]
