# The release folder (`pnpm release`) on Node 20, as a non-root user. Not built in this
# repository's tests; build it after `pnpm release`:
#   pnpm release && docker build -t otp-auth .
FROM node:20-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8000
WORKDIR /app
COPY --chown=node:node release/ /app/
USER node
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "."]
